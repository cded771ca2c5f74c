import { Divider, Stack } from '@mantine/core';
import { roleMay } from '../../../core/access/patientPolicy.js';
import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useResource } from '../../lib/useResource.js';
import { useApi, useMe } from '../../session/SessionProvider.js';
import { CaseTasksSection } from './CaseTasksSection.js';
import { NeedsBoard } from './NeedsBoard.js';
import { ReferralsSection } from './ReferralsSection.js';

/** The chart's Case management tab (SPEC §9): needs by domain, referrals to outside organisations, tasks. */
export const CaseManagementTab = ({ patient }: { patient: Patient }) => {
  const api = useApi();
  const me = useMe();
  const canEdit = roleMay(me.role, 'case.write') && patient.status !== 'discharged';
  const view = useResource((signal) => api.caseManagement.get(patient.id, signal), [api, patient.id]);
  return (
    <AsyncState state={view.state} what="case management" onRetry={view.reload}>
      {(loaded) => (
        <Stack gap="xl">
          <NeedsBoard patientId={patient.id} needs={loaded.needs} canEdit={canEdit} onChanged={view.reload} />
          <Divider />
          <ReferralsSection
            patientId={patient.id}
            timeZone={patient.siteTimeZone}
            referrals={loaded.referrals}
            needs={loaded.needs}
            canEdit={canEdit}
            onChanged={view.reload}
          />
          <Divider />
          <CaseTasksSection
            patientId={patient.id}
            timeZone={patient.siteTimeZone}
            view={loaded}
            canEdit={canEdit}
            onView={view.setData}
            onChanged={view.reload}
          />
        </Stack>
      )}
    </AsyncState>
  );
};
