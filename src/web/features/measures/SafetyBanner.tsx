import { Alert, Anchor, Button, Group, List, Text } from '@mantine/core';
import type { AdministeredMeasure } from '../../../core/api/measures.js';

interface SafetyBannerProps {
  result: AdministeredMeasure;
  /** Offered when the user may document safety for this patient. */
  onDocument?: (alertId: string) => void;
  onDismiss: () => void;
}

/**
 * Shown after a measure with a suicide-risk answer is saved (PHQ-9 item 9 above 0): what to do now,
 * in order, and who has been told. It stays until dismissed, and says the alert closes only with
 * the documented assessment.
 */
export const SafetyBanner = ({ result, onDocument, onDismiss }: SafetyBannerProps) => {
  const alert = result.alertsRaised.find((a) => a.kind === 'safety');
  const task = result.tasksCreated[0];
  return (
    <Alert
      color="red"
      variant="filled"
      role="alert"
      title={`Safety: ${result.response.shortName} item 9 answered above 0`}
      withCloseButton
      closeButtonLabel="Dismiss safety notice"
      onClose={onDismiss}
    >
      <Text size="sm">
        The patient reported thoughts of being better off dead or of hurting themselves. Before they leave
        today:
      </Text>
      <List size="sm" type="ordered" mt={6} spacing={4}>
        <List.Item>
          Ask directly about suicidal thoughts, a plan, intent and access to means. Stay with the patient
          while you do.
        </List.Item>
        <List.Item>
          If the risk is imminent, do not leave them alone: call{' '}
          <Anchor href="tel:911" c="white" underline="always" fz="inherit">
            911
          </Anchor>{' '}
          or the 988 Suicide &amp; Crisis Lifeline (
          <Anchor href="tel:988" c="white" underline="always" fz="inherit">
            call 988
          </Anchor>
          ), and involve your supervisor now.
        </List.Item>
        <List.Item>
          Make a safety plan with the patient (warning signs, coping steps, people to call, 988, making the
          setting safer) and document the assessment. Only that documentation closes the urgent alert.
        </List.Item>
      </List>
      <Text size="sm" mt={6}>
        {alert ? `Urgent alert sent to ${alert.recipient.displayName}` : 'An urgent alert was raised'}
        {task ? `; ${task.owner.displayName} has a task to make sure it is done.` : '.'}
      </Text>
      {alert && onDocument && (
        <Group mt="sm">
          <Button color="white" variant="white" c="red.9" onClick={() => onDocument(alert.id)}>
            Document risk assessment
          </Button>
        </Group>
      )}
    </Alert>
  );
};
