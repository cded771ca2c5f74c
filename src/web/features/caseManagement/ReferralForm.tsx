import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { CaseNeed, CreateReferralBody } from '../../../core/api/caseManagement.js';
import { NEED_DOMAIN_LABELS, NEED_DOMAINS, type NeedDomain } from '../../../core/caseManagement/needs.js';
import { normalisePhone } from '../../../core/recovery/phone.js';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { todayIn } from '../../lib/dates.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { useApi } from '../../session/SessionProvider.js';

const FIELDS = ['organisation', 'contactName', 'phone', 'domain', 'needId', 'referredOn', 'status'];

/** A new referral to an outside organisation, optionally answering one of the patient's needs. */
export const ReferralForm = ({
  patientId,
  timeZone,
  needs,
  onSaved,
  onCancel,
}: {
  patientId: string;
  timeZone: string;
  needs: CaseNeed[];
  onSaved: () => void;
  onCancel: () => void;
}) => {
  const api = useApi();
  const openNeeds = needs.filter((n) => n.status === 'identified' || n.status === 'in_progress');
  const [needId, setNeedId] = useState(openNeeds[0]?.id ?? '');
  const [domain, setDomain] = useState<NeedDomain>(openNeeds[0]?.domain ?? 'housing');
  const [organisation, setOrganisation] = useState('');
  const [contactName, setContactName] = useState('');
  const [phone, setPhone] = useState('');
  const [status, setStatus] = useState<'planned' | 'sent'>('planned');
  const [referredOn, setReferredOn] = useState(() => todayIn(timeZone));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useSubmit((body: CreateReferralBody) => api.caseManagement.addReferral(patientId, body));
  const errors = { ...create.errors, ...localErrors };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!organisation.trim()) found['organisation'] = 'Name the organisation.';
    if (phone.trim()) {
      const check = normalisePhone(phone);
      if (!check.ok) found['phone'] = `The phone number ${check.message}.`;
    }
    if (!referredOn) found['referredOn'] = 'Enter the date.';
    setLocalErrors(found);
    if (Object.keys(found).length > 0) return;
    const result = await create.run({
      organisation: organisation.trim(),
      domain,
      status,
      referredOn,
      ...(needId ? { needId } : {}),
      ...(contactName.trim() ? { contactName: contactName.trim() } : {}),
      ...(phone.trim() ? { phone } : {}),
    });
    if (result.ok) onSaved();
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-referral-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="new-referral-title">
          New referral
        </Title>
        <ProblemAlert problem={create.problem} shownFields={FIELDS} />
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label="For need"
            data={[
              { value: '', label: 'No need (domain below)' },
              ...openNeeds.map((n) => ({ value: n.id, label: `${NEED_DOMAIN_LABELS[n.domain]} need` })),
            ]}
            value={needId}
            onChange={(event) => {
              const id = event.currentTarget.value;
              setNeedId(id);
              const need = openNeeds.find((n) => n.id === id);
              if (need) setDomain(need.domain);
            }}
            error={errors['needId']}
          />
          <NativeSelect
            label="Domain"
            required
            disabled={needId !== ''}
            data={NEED_DOMAINS.map((d) => ({ value: d, label: NEED_DOMAIN_LABELS[d] }))}
            value={domain}
            onChange={(event) =>
              setDomain(NEED_DOMAINS.find((d) => d === event.currentTarget.value) ?? 'housing')
            }
            error={errors['domain']}
          />
          <TextInput
            label="Organisation"
            required
            maxLength={160}
            value={organisation}
            onChange={(event) => setOrganisation(event.currentTarget.value)}
            error={errors['organisation']}
            autoFocus
          />
          <TextInput
            label="Contact person (optional)"
            maxLength={120}
            value={contactName}
            onChange={(event) => setContactName(event.currentTarget.value)}
            error={errors['contactName']}
          />
          <TextInput
            label="Phone (optional)"
            type="tel"
            maxLength={40}
            value={phone}
            onChange={(event) => setPhone(event.currentTarget.value)}
            error={errors['phone']}
          />
          <NativeSelect
            label="Status"
            data={[
              { value: 'planned', label: 'Planned' },
              { value: 'sent', label: 'Sent' },
            ]}
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value === 'sent' ? 'sent' : 'planned')}
          />
          <TextInput
            label="Referred on"
            type="date"
            required
            value={referredOn}
            onChange={(event) => setReferredOn(event.currentTarget.value)}
            error={errors['referredOn']}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={create.pending}>
            Add referral
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
};
