import { Anchor } from '@mantine/core';

const seg = encodeURIComponent;

/**
 * Downloads one version of the treatment plan as a PDF. A plain link: the browser sends the session
 * cookie with the request and saves the file the server names (`treatment-plan-v3.pdf`).
 */
export const PlanPdfLink = ({
  patientId,
  versionId,
  number,
}: {
  patientId: string;
  versionId: string;
  number: number;
}) => (
  <Anchor
    href={`/api/v1/patients/${seg(patientId)}/treatment-plan/versions/${seg(versionId)}/pdf`}
    download={`treatment-plan-v${number}.pdf`}
    aria-label={`Download PDF of version ${number}`}
  >
    Download PDF
  </Anchor>
);
