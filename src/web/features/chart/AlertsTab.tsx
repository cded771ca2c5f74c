import type { Patient } from '../../../core/api/patients.js';
import { AsyncState } from '../../components/AsyncState.js';
import { useResource } from '../../lib/useResource.js';
import { useApi } from '../../session/SessionProvider.js';
import { useInboxCount } from '../../shell/InboxCount.js';
import { AlertTable } from '../alerts/AlertTable.js';

/** Alerts about this patient, whoever they were raised to. */
export const AlertsTab = ({ patient, onChanged }: { patient: Patient; onChanged: () => void }) => {
  const api = useApi();
  const inbox = useInboxCount();
  const alerts = useResource((signal) => api.patients.alerts(patient.id, signal), [api, patient.id]);

  return (
    <AsyncState
      state={alerts.state}
      what="alerts"
      onRetry={alerts.reload}
      empty="No alerts for this patient."
    >
      {(list) => (
        <AlertTable
          alerts={list}
          timeZone={patient.siteTimeZone}
          showPatient={false}
          onChanged={(updated) => {
            alerts.setData(list.map((a) => (a.id === updated.id ? updated : a)));
            inbox.refresh();
            onChanged();
          }}
          onStale={alerts.reload}
        />
      )}
    </AsyncState>
  );
};
