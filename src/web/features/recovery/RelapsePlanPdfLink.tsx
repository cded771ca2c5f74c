import { Anchor } from '@mantine/core';

/**
 * Downloads one version of the relapse prevention plan as a PDF. A plain link: the browser sends the
 * session cookie with the request and saves the file the server names.
 */
export const RelapsePlanPdfLink = ({
  patientId,
  versionNumber,
}: {
  patientId: string;
  versionNumber: number;
}) => (
  <Anchor
    href={`/api/v1/patients/${encodeURIComponent(patientId)}/relapse-prevention-plan/versions/${versionNumber}/pdf`}
    download={`relapse-prevention-plan-v${versionNumber}.pdf`}
    aria-label={`Download PDF of version ${versionNumber}`}
  >
    Download PDF
  </Anchor>
);
