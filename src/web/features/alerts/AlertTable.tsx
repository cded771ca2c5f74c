import { Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import { SAFETY_ALERT_KIND } from '../../../core/alerts/closing.js';
import type { Alert } from '../../../core/api/alerts.js';
import { SeverityBadge } from '../../components/Badges.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { TextLink } from '../../components/TextLink.js';
import { formatInstant } from '../../lib/dates.js';
import { isStale, useSubmit } from '../../lib/useSubmit.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { type SafetyAssessmentTarget, SafetyAssessmentModal } from '../measures/SafetyAssessmentModal.js';
import { ResolveAlertModal } from './ResolveAlertModal.js';

const STATUS_LABEL: Record<Alert['status'], { label: string; color: string }> = {
  open: { label: 'Open', color: 'red' },
  acknowledged: { label: 'Acknowledged', color: 'blue' },
  resolved: { label: 'Resolved', color: 'gray' },
};

interface AlertTableProps {
  alerts: Alert[];
  timeZone: string;
  /** Show the patient column (the inbox); the chart's own tab does not need it. */
  showPatient: boolean;
  /** A row changed on the server: replace it. */
  onChanged: (alert: Alert) => void;
  /** The list is out of date (someone else acted first): load it again. */
  onStale: () => void;
}

export const AlertTable = ({ alerts, timeZone, showPatient, onChanged, onStale }: AlertTableProps) => {
  const api = useApi();
  const me = useMe();
  const [resolving, setResolving] = useState<Alert | null>(null);
  // Safety alerts close only with a documented risk assessment (SPEC §4), never a resolution note.
  const [documenting, setDocumenting] = useState<{ alert: Alert; target: SafetyAssessmentTarget } | null>(
    null,
  );
  const mayDocument = roleMay(me.role, 'safety.document');
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const acknowledge = useSubmit((alert: Alert) => api.alerts.acknowledge(alert.id, alert.version));

  const onAcknowledge = async (alert: Alert) => {
    setAcknowledging(alert.id);
    const result = await acknowledge.run(alert);
    setAcknowledging(null);
    if (result.ok) onChanged(result.value);
    else if (isStale(result)) onStale();
  };

  return (
    <Stack gap="sm">
      <ProblemAlert
        problem={acknowledge.problem}
        staleMessage="Someone else acted on this alert first. The list has been reloaded; check it and try again."
      />
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label="Alerts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Severity</Table.Th>
              <Table.Th scope="col">Alert</Table.Th>
              {showPatient && <Table.Th scope="col">Patient</Table.Th>}
              <Table.Th scope="col">Raised</Table.Th>
              <Table.Th scope="col">Escalation</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {alerts.map((alert) => (
              <Table.Tr key={alert.id}>
                <Table.Td>
                  <SeverityBadge severity={alert.severity} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {alert.title}
                  </Text>
                  {alert.detail && (
                    <Text size="xs" c="dimmed">
                      {alert.detail}
                    </Text>
                  )}
                  {alert.resolutionNote && <Text size="xs">Resolution: {alert.resolutionNote}</Text>}
                </Table.Td>
                {showPatient && (
                  <Table.Td>
                    {alert.patientId ? (
                      <TextLink to={`/patients/${alert.patientId}/alerts`} size="sm">
                        {alert.patientName ?? 'Open chart'}
                      </TextLink>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                )}
                <Table.Td>
                  <Text size="sm">{formatInstant(alert.raisedAt, timeZone)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {alert.escalationLevel === 0 ? 'Not escalated' : `Level ${alert.escalationLevel}`}
                  </Text>
                  {alert.status === 'open' && alert.escalateAt && (
                    <Text size="xs" c="dimmed">
                      Escalates {formatInstant(alert.escalateAt, timeZone)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_LABEL[alert.status].color}>
                    {STATUS_LABEL[alert.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {alert.status === 'open' && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        loading={acknowledging === alert.id}
                        onClick={() => void onAcknowledge(alert)}
                      >
                        Acknowledge
                      </Button>
                    )}
                    {alert.status !== 'resolved' && alert.kind !== SAFETY_ALERT_KIND && (
                      <Button size="compact-sm" variant="default" onClick={() => setResolving(alert)}>
                        Resolve
                      </Button>
                    )}
                    {alert.status !== 'resolved' &&
                      alert.kind === SAFETY_ALERT_KIND &&
                      alert.patientId !== null &&
                      mayDocument && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() =>
                            setDocumenting({
                              alert,
                              target: {
                                patientId: alert.patientId ?? '',
                                patientName: alert.patientName,
                                alertId: alert.id,
                                alertTitle: alert.title,
                              },
                            })
                          }
                        >
                          Document risk assessment
                        </Button>
                      )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SafetyAssessmentModal
        target={documenting?.target ?? null}
        onClose={() => setDocumenting(null)}
        onSaved={(assessment) => {
          const closed = documenting?.alert;
          setDocumenting(null);
          if (!closed) return;
          onChanged({
            ...closed,
            status: 'resolved',
            acknowledgedAt: closed.acknowledgedAt ?? assessment.documentedAt,
            resolvedAt: assessment.documentedAt,
            resolutionNote: 'Closed by a documented safety assessment.',
            escalateAt: null,
            version: closed.version + 1,
          });
        }}
        onStale={() => {
          setDocumenting(null);
          onStale();
        }}
      />
      <ResolveAlertModal
        alert={resolving}
        onClose={() => setResolving(null)}
        onResolved={(alert) => {
          setResolving(null);
          onChanged(alert);
        }}
        onStale={() => {
          setResolving(null);
          onStale();
        }}
      />
    </Stack>
  );
};
