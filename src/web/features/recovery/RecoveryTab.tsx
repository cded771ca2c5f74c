import { Divider, Stack } from '@mantine/core';
import { useState } from 'react';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { FamilySessionsSection } from './FamilySessionsSection.js';
import { PlanHistory } from './PlanHistory.js';
import { RelapsePlanEditor } from './RelapsePlanEditor.js';
import { SupportContactsSection } from './SupportContactsSection.js';

/** The chart's Recovery plan tab: the relapse prevention plan with its versions, contacts and family sessions. */
export const RecoveryTab = ({ patient }: { patient: Patient }) => {
  const api = useApi();
  const me = useMe();
  const canEdit = roleMay(me.role, 'recovery.write') && patient.status !== 'discharged';
  const [showArchived, setShowArchived] = useState(false);
  const plan = useResource((signal) => api.recovery.plan(patient.id, signal), [api, patient.id]);
  const contacts = useResource(
    (signal) => api.recovery.contacts(patient.id, showArchived, signal),
    [api, patient.id, showArchived],
  );
  const family = useResource((signal) => api.recovery.familySessions(patient.id, signal), [api, patient.id]);
  const active = (contacts.state.data ?? []).filter((c) => !c.archived);

  return (
    <Stack gap="xl">
      <AsyncState state={plan.state} what="relapse prevention plan" onRetry={plan.reload}>
        {(loaded) =>
          // The editor waits for the contacts so that its starting draft knows who is still active.
          contacts.state.data === undefined ? null : (
            <Stack gap="lg">
              <RelapsePlanEditor
                patient={patient}
                plan={loaded}
                contacts={active}
                canEdit={canEdit}
                onPlan={plan.setData}
              />
              <PlanHistory patient={patient} plan={loaded} />
            </Stack>
          )
        }
      </AsyncState>
      <Divider />
      <SupportContactsSection
        patientId={patient.id}
        contacts={{
          ...contacts,
          reload: () => {
            contacts.reload();
            family.reload();
          },
        }}
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        canEdit={canEdit}
      />
      <FamilySessionsSection
        patientId={patient.id}
        series={family}
        contacts={active}
        canEdit={canEdit}
        onChanged={() => {
          family.reload();
          contacts.reload();
        }}
      />
    </Stack>
  );
};
