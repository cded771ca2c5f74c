import { Badge, Paper, Stack, Text } from '@mantine/core';
import {
  RISK_LEVEL_LABELS,
  SAFETY_OUTCOME_LABELS,
  type SafetyAssessment,
} from '../../../core/api/measures.js';
import { formatInstant } from '../../lib/dates.js';

/** Documented suicide-risk assessments, newest first, in full: they are short and they matter. */
export const SafetyAssessmentList = ({
  assessments,
  timeZone,
}: {
  assessments: SafetyAssessment[];
  timeZone: string;
}) => (
  <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
    {assessments.map((a) => (
      <Paper component="li" key={a.id} withBorder p="sm">
        <Text size="sm" fw={600}>
          {SAFETY_OUTCOME_LABELS[a.outcome]}
          {a.riskLevel && (
            <Badge ml="xs" variant="light" color={a.riskLevel === 'low' ? 'gray' : 'red'}>
              Risk: {RISK_LEVEL_LABELS[a.riskLevel]}
            </Badge>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {formatInstant(a.documentedAt, timeZone)} · {a.documentedBy.displayName}
          {a.alertId ? ' · closed a safety alert' : ''}
        </Text>
        <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
          {a.assessment}
        </Text>
        {a.safetyPlan && (
          <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
            <strong>Safety plan:</strong> {a.safetyPlan}
          </Text>
        )}
        {a.emergencyAction && (
          <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap' }}>
            <strong>Emergency action:</strong> {a.emergencyAction}
          </Text>
        )}
      </Paper>
    ))}
  </Stack>
);
