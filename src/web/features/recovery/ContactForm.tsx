import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CreateSupportContactBody, SupportContact } from '../../../core/api/recovery.js';
import { normalisePhone } from '../../../core/recovery/phone.js';
import {
  RELATIONSHIP_LABELS,
  RELATIONSHIPS,
  type Relationship,
} from '../../../core/recovery/supportContacts.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const FIELDS = ['name', 'relationship', 'relationshipDetail', 'phone', 'email', 'notes'];

interface ContactFormProps {
  patientId: string;
  /** The contact being changed; absent for a new one. */
  contact?: SupportContact;
  onSaved: (contact: SupportContact) => void;
  /** A refused change because someone else changed the contact first: reload, keep the form. */
  onStale: () => void;
  onCancel: () => void;
}

/** Adds or changes a family or support contact; the phone is checked as it will be stored. */
export const ContactForm = ({ patientId, contact, onSaved, onStale, onCancel }: ContactFormProps) => {
  const api = useApi();
  const [name, setName] = useState(contact?.name ?? '');
  const [relationship, setRelationship] = useState<Relationship>(contact?.relationship ?? 'parent');
  const [detail, setDetail] = useState(contact?.relationshipDetail ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [notes, setNotes] = useState(contact?.notes ?? '');
  const [emergency, setEmergency] = useState(contact?.emergencyContact ?? false);
  const [inPlan, setInPlan] = useState(contact?.inRelapsePlan ?? false);
  const [family, setFamily] = useState(contact?.familySessionParticipant ?? false);
  const [version, setVersion] = useState(contact?.version ?? 0);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submitter = useSubmit((body: CreateSupportContactBody) =>
    contact
      ? api.recovery.updateContact(patientId, contact.id, { ...body, version })
      : api.recovery.addContact(patientId, body),
  );
  const errors = { ...submitter.errors, ...localErrors };
  const titleId = contact ? `edit-contact-${contact.id}` : 'new-contact-title';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found['name'] = 'Enter the contact’s name.';
    const check = normalisePhone(phone);
    if (!check.ok) found['phone'] = `The phone number ${check.message}.`;
    if (relationship === 'other' && !detail.trim())
      found['relationshipDetail'] = 'Say who they are to the patient.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await submitter.run({
      name: name.trim(),
      relationship,
      relationshipDetail: detail.trim() || null,
      phone,
      email: email.trim() || null,
      notes: notes.trim() || null,
      emergencyContact: emergency,
      inRelapsePlan: inPlan,
      familySessionParticipant: family,
    });
    if (result.ok) onSaved(result.value);
    else if (result.problem.code === 'STALE_VERSION') {
      if (typeof result.problem.currentVersion === 'number') setVersion(result.problem.currentVersion);
      onStale();
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={3} size="h5" id={titleId}>
          {contact ? `Change ${contact.name}` : 'New contact'}
        </Title>
        <ProblemAlert
          problem={submitter.problem}
          shownFields={FIELDS}
          staleMessage="Someone else changed this contact while you were editing. Your changes are still in the form; save again to keep them."
        />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <TextInput
            label="Name"
            required
            maxLength={120}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors['name']}
            autoFocus
          />
          <NativeSelect
            label="Relationship"
            required
            data={RELATIONSHIPS.map((r) => ({ value: r, label: RELATIONSHIP_LABELS[r] }))}
            value={relationship}
            onChange={(event) =>
              setRelationship(RELATIONSHIPS.find((r) => r === event.currentTarget.value) ?? 'other')
            }
            error={errors['relationship']}
          />
          <TextInput
            label={relationship === 'other' ? 'Who they are' : 'Relationship detail (optional)'}
            required={relationship === 'other'}
            placeholder={relationship === 'other' ? 'e.g. case worker at the shelter' : 'e.g. mother'}
            maxLength={80}
            value={detail}
            onChange={(event) => setDetail(event.currentTarget.value)}
            error={errors['relationshipDetail']}
          />
          <TextInput
            label="Phone"
            required
            type="tel"
            description="10 digits, or + and the country code"
            maxLength={40}
            value={phone}
            onChange={(event) => setPhone(event.currentTarget.value)}
            error={errors['phone']}
          />
          <TextInput
            label="Email (optional)"
            type="email"
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors['email']}
          />
        </SimpleGrid>
        <Group gap="lg">
          <Checkbox
            label="Emergency contact"
            checked={emergency}
            onChange={(e) => setEmergency(e.currentTarget.checked)}
          />
          <Checkbox
            label="In the relapse prevention plan"
            checked={inPlan}
            onChange={(e) => setInPlan(e.currentTarget.checked)}
          />
          <Checkbox
            label="Takes part in family sessions"
            checked={family}
            onChange={(e) => setFamily(e.currentTarget.checked)}
          />
        </Group>
        <Textarea
          label="Notes (optional)"
          autosize
          minRows={1}
          maxLength={1000}
          value={notes}
          onChange={(event) => setNotes(event.currentTarget.value)}
          error={errors['notes']}
        />
        <Group>
          <Button type="submit" loading={submitter.pending}>
            {contact ? 'Save contact' : 'Add contact'}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
