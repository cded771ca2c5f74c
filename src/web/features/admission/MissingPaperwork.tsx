import { Alert, List, Text } from '@mantine/core';
import { isPaperworkItem, PAPERWORK_LABELS, type PaperworkItem } from '../../../core/intake/paperwork.js';
import type { ProblemDetails } from '../../api/problem.js';
import { TextLink } from '../../components/TextLink.js';

/** The checklist items an admission was refused for: the server names each as `/paperwork/<item>`. */
export const missingPaperworkOf = (problem: ProblemDetails | null): PaperworkItem[] =>
  problem?.code === 'INVALID_STATE'
    ? (problem.fields ?? [])
        .map((f) => /^\/paperwork\/(\w+)$/.exec(f.field)?.[1] ?? '')
        .filter(isPaperworkItem)
    : [];

/** Why the admission was refused: the paperwork still missing, and where to record it. */
export const MissingPaperwork = ({ patientId, missing }: { patientId: string; missing: PaperworkItem[] }) => (
  <Alert color="red" variant="light" title="Admission paperwork is not complete" role="alert">
    <Text size="sm">Each document must be complete, or waived with a reason, before admission:</Text>
    <List size="sm" mt="xs">
      {missing.map((item) => (
        <List.Item key={item}>{PAPERWORK_LABELS[item]}</List.Item>
      ))}
    </List>
    <Text size="sm" mt="xs">
      <TextLink to={`/patients/${patientId}/admission`}>Open the admission paperwork checklist</TextLink>
    </Text>
  </Alert>
);
