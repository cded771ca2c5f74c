import type {
  CreateSupportContactBody,
  FamilySeries,
  PlanVersion,
  RelapsePreventionPlan,
  SavePlanBody,
  SupportContact,
  UpdateSupportContactBody,
} from '../../core/api/recovery.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Recovery supports of one patient: support contacts, family sessions, the relapse prevention plan. */
export const createRecoveryApi = (http: Http) => ({
  contacts: (patientId: string, includeArchived: boolean, signal?: AbortSignal) =>
    http.get<SupportContact[]>(`/patients/${seg(patientId)}/support-contacts`, { includeArchived }, signal),
  addContact: (patientId: string, body: CreateSupportContactBody) =>
    http.post<SupportContact>(`/patients/${seg(patientId)}/support-contacts`, body),
  updateContact: (patientId: string, contactId: string, body: UpdateSupportContactBody) =>
    http.patch<SupportContact>(`/patients/${seg(patientId)}/support-contacts/${seg(contactId)}`, body),
  archiveContact: (patientId: string, contactId: string, version: number) =>
    http.post<SupportContact>(`/patients/${seg(patientId)}/support-contacts/${seg(contactId)}/archive`, {
      version,
    }),
  restoreContact: (patientId: string, contactId: string, version: number) =>
    http.post<SupportContact>(`/patients/${seg(patientId)}/support-contacts/${seg(contactId)}/restore`, {
      version,
    }),
  familySessions: (patientId: string, signal?: AbortSignal) =>
    http.get<FamilySeries[]>(`/patients/${seg(patientId)}/family-sessions`, undefined, signal),
  setFamilySessionContact: (patientId: string, seriesId: string, contactId: string, takesPart: boolean) => {
    const path = `/patients/${seg(patientId)}/family-sessions/${seg(seriesId)}/contacts/${seg(contactId)}`;
    return takesPart ? http.put<FamilySeries>(path, {}) : http.delete<FamilySeries>(path);
  },
  plan: (patientId: string, signal?: AbortSignal) =>
    http.get<RelapsePreventionPlan>(`/patients/${seg(patientId)}/relapse-prevention-plan`, undefined, signal),
  savePlan: (patientId: string, body: SavePlanBody) =>
    http.put<RelapsePreventionPlan>(`/patients/${seg(patientId)}/relapse-prevention-plan`, body),
  planVersion: (patientId: string, versionNumber: number, signal?: AbortSignal) =>
    http.get<PlanVersion>(
      `/patients/${seg(patientId)}/relapse-prevention-plan/versions/${versionNumber}`,
      undefined,
      signal,
    ),
});
