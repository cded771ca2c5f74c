import { Badge, Group, NativeSelect, Paper, Radio, Stack, Text, TextInput } from '@mantine/core';
import { memo } from 'react';
import type { Attendance, Mode, PatientDraft } from './rollCallDraft.js';

const ATTENDANCE: { value: Exclude<Attendance, 'unmarked'>; label: string }[] = [
  { value: 'present', label: 'Present' },
  { value: 'absent-excused', label: 'Absent, excused' },
  { value: 'absent-unexcused', label: 'Absent, unexcused' },
];

const MODES: { value: Mode; label: string }[] = [
  { value: 'in-person', label: 'In person' },
  { value: 'video', label: 'Telehealth: video' },
  { value: 'audio-only', label: 'Telehealth: audio only' },
];

interface PatientRowProps {
  index: number;
  patient: PatientDraft;
  hasRoom: boolean;
  /** Minutes if saved as is; null while incomplete. */
  minutes: number | null;
  /** Field errors keyed like the server's, e.g. `entries/2/mark/lateMinutes`. */
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (index: number, patch: Partial<PatientDraft>) => void;
}

/**
 * One patient on the roll call: a group of large radio buttons for the one tap, then the exception's
 * details (late, left early, telehealth, reason) only when they apply.
 */
export const PatientRow = memo(
  ({ index, patient: p, hasRoom, minutes, errors, disabled, onChange }: PatientRowProps) => {
    const at = `entries/${index}`;
    const change = (patch: Partial<PatientDraft>) => onChange(index, patch);
    const groupError = errors[`${at}/mark`] ?? errors[`${at}/patientId`] ?? errors[`${at}/unbooked`];
    return (
      <Paper withBorder p="sm" radius="md" component="li" style={{ listStyle: 'none' }}>
        <Stack gap="xs">
          <Radio.Group
            label={
              <Group gap="xs" component="span">
                <Text span fw={600}>
                  {p.name}
                </Text>
                {p.mrn && (
                  <Text span size="xs" c="dimmed">
                    MRN {p.mrn}
                  </Text>
                )}
                {p.unbooked && (
                  <Badge size="sm" variant="light" component="span">
                    {p.unbooked.kind === 'make-up' ? 'Make-up' : 'Unscheduled'}
                  </Badge>
                )}
              </Group>
            }
            value={p.attendance === 'unmarked' ? '' : p.attendance}
            onChange={(value) => change({ attendance: value as Attendance })}
            error={groupError}
            description={
              minutes === null
                ? p.attendance === 'unmarked'
                  ? 'Not marked yet'
                  : undefined
                : `${minutes} min`
            }
          >
            <Group gap="lg" mt={6} wrap="wrap">
              {ATTENDANCE.map((a) => (
                <Radio
                  key={a.value}
                  value={a.value}
                  label={a.label}
                  size="md"
                  disabled={disabled}
                  styles={{ body: { minHeight: 44, alignItems: 'center' } }}
                />
              ))}
            </Group>
          </Radio.Group>

          {p.attendance === 'present' && (
            <Group gap="sm" align="flex-start" wrap="wrap">
              <TextInput
                label="Minutes late"
                aria-label={`Minutes late, ${p.name}`}
                inputMode="numeric"
                placeholder="On time"
                w={120}
                size="md"
                value={p.lateMinutes}
                onChange={(e) => change({ lateMinutes: e.currentTarget.value })}
                error={errors[`${at}/mark/lateMinutes`]}
                disabled={disabled}
              />
              <TextInput
                label="Left early at"
                aria-label={`Left early at, ${p.name}`}
                type="time"
                w={150}
                size="md"
                value={p.leftEarlyAt}
                onChange={(e) => change({ leftEarlyAt: e.currentTarget.value })}
                error={errors[`${at}/mark/leftEarlyAt`]}
                disabled={disabled}
              />
              <NativeSelect
                label="Attended"
                aria-label={`Attended, ${p.name}`}
                w={230}
                size="md"
                data={MODES.filter((m) => hasRoom || m.value !== 'in-person')}
                value={p.mode}
                onChange={(e) => change({ mode: e.currentTarget.value as Mode })}
                error={errors[`${at}/mark/via/mode`]}
                disabled={disabled}
              />
              {p.mode !== 'in-person' && (
                <TextInput
                  label="Patient's location"
                  aria-label={`Patient's location, ${p.name}`}
                  description="City and state"
                  w={240}
                  size="md"
                  value={p.patientLocation}
                  onChange={(e) => change({ patientLocation: e.currentTarget.value })}
                  error={errors[`${at}/mark/via/patientLocation`]}
                  disabled={disabled}
                />
              )}
            </Group>
          )}
          {(p.attendance === 'absent-excused' || p.attendance === 'absent-unexcused') && (
            <TextInput
              label={p.attendance === 'absent-excused' ? 'Reason' : 'Reason (optional)'}
              aria-label={`${p.attendance === 'absent-excused' ? 'Reason' : 'Reason (optional)'}, ${p.name}`}
              maw={480}
              size="md"
              value={p.reason}
              onChange={(e) => change({ reason: e.currentTarget.value })}
              error={errors[`${at}/mark/reason`]}
              disabled={disabled}
              required={p.attendance === 'absent-excused'}
            />
          )}
        </Stack>
      </Paper>
    );
  },
);
PatientRow.displayName = 'PatientRow';
