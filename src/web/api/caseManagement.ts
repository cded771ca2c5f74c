import type {
  CaseManagement,
  CaseNeed,
  CommunityReferral,
  CreateCaseTaskBody,
  CreateNeedBody,
  CreateReferralBody,
  UpdateNeedBody,
  UpdateReferralBody,
} from '../../core/api/caseManagement.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Case management of one patient: needs, referrals to outside organisations, their tasks. */
export const createCaseManagementApi = (http: Http) => ({
  get: (patientId: string, signal?: AbortSignal) =>
    http.get<CaseManagement>(`/patients/${seg(patientId)}/case-management`, undefined, signal),
  addNeed: (patientId: string, body: CreateNeedBody) =>
    http.post<CaseNeed>(`/patients/${seg(patientId)}/case-needs`, body),
  updateNeed: (patientId: string, needId: string, body: UpdateNeedBody) =>
    http.patch<CaseNeed>(`/patients/${seg(patientId)}/case-needs/${seg(needId)}`, body),
  addReferral: (patientId: string, body: CreateReferralBody) =>
    http.post<CommunityReferral>(`/patients/${seg(patientId)}/community-referrals`, body),
  updateReferral: (patientId: string, referralId: string, body: UpdateReferralBody) =>
    http.patch<CommunityReferral>(`/patients/${seg(patientId)}/community-referrals/${seg(referralId)}`, body),
  addTask: (patientId: string, body: CreateCaseTaskBody) =>
    http.post<CaseManagement>(`/patients/${seg(patientId)}/case-tasks`, body),
});
