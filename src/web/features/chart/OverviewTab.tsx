import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Patient } from '../../../core/api/patients.js';
import { Facts } from '../../components/Facts.js';
import { formatDate, formatInstant } from '../../lib/dates.js';
import { humanize, orDash } from '../../lib/format.js';
import { useMe } from '../../session/SessionProvider.js';
import { EditPatientForm } from './EditPatientForm.js';

const YesNo = ({ value, yes, no }: { value: boolean; yes: string; no: string }) => (
  <Badge variant="light" color={value ? 'success' : 'gray'}>
    {value ? yes : no}
  </Badge>
);

interface OverviewTabProps {
  patient: Patient;
  onSaved: (patient: Patient) => void;
  onStale: () => void;
}

export const OverviewTab = ({ patient, onSaved, onStale }: OverviewTabProps) => {
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const prefs = patient.contactPreferences;
  const address = [patient.addressLine, patient.city, patient.state, patient.postalCode]
    .filter(Boolean)
    .join(', ');

  useEffect(() => {
    if (!editing && returnFocus) {
      editButton.current?.focus();
      setReturnFocus(false);
    }
  }, [editing, returnFocus]);

  const closeEditor = () => {
    setEditing(false);
    setReturnFocus(true);
  };

  if (editing) {
    return (
      <EditPatientForm
        patient={patient}
        onSaved={(updated) => {
          onSaved(updated);
          closeEditor();
        }}
        onStale={onStale}
        onCancel={closeEditor}
      />
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          Demographics
        </Title>
        {roleMay(me.role, 'patient.update') && (
          <Button ref={editButton} variant="default" size="compact-sm" onClick={() => setEditing(true)}>
            Edit demographics
          </Button>
        )}
      </Group>
      <Paper withBorder p="md">
        <Facts
          items={[
            ['Legal name', `${patient.firstName} ${patient.lastName}`],
            ['Preferred name', orDash(patient.preferredName)],
            ['Date of birth', formatDate(patient.dateOfBirth)],
            ['Sex assigned at birth', humanize(patient.sexAtBirth)],
            ['Gender identity', orDash(patient.genderIdentity)],
            ['Pronouns', orDash(patient.pronouns)],
            ['Preferred language', patient.preferredLanguage === 'es' ? 'Spanish' : 'English'],
            ['Priority population', humanize(patient.priorityPopulation)],
            ['Phone', orDash(patient.phone)],
            ['Email', orDash(patient.email)],
            ['Address', orDash(address)],
            ['Registered', formatInstant(patient.createdAt, patient.siteTimeZone)],
          ]}
        />
      </Paper>
      <Title order={2} size="h4">
        Contact preferences
      </Title>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group gap="xs">
            <YesNo value={prefs.voicemailOk} yes="Voicemail OK" no="No voicemail" />
            <YesNo value={prefs.textsOk} yes="Texts OK" no="No texts" />
            <YesNo value={prefs.nameClinicOk} yes="May name the clinic" no="Do not name the clinic" />
            <YesNo value={prefs.smsOptIn} yes="SMS reminders on" no="No SMS reminders" />
          </Group>
          {prefs.smsOptedOutAt && (
            <Text size="sm">Replied STOP on {formatInstant(prefs.smsOptedOutAt, patient.siteTimeZone)}.</Text>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
};
