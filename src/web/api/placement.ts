import type { Episode } from '../../core/api/patients.js';
import type {
  ApplyAssessmentBody,
  CreateAssessmentBody,
  CreateReferralBody,
  EvaluateBody,
  OverrideReport,
  OverrideReportQuery,
  PlacementAssessment,
  PlacementQuestions,
  PutRuleTableBody,
  ReferralOut,
  RuleTable,
  SignAssessmentBody,
  UpdateAssessmentBody,
} from '../../core/api/placement.js';
import type { PlacementResult } from '../../core/placement/placementTypes.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

/** Whose placement records: a patient's chart or an inquiry before there is one. */
export interface PlacementOwner {
  kind: 'patient' | 'inquiry';
  id: string;
}

const base = (owner: PlacementOwner) =>
  `/${owner.kind === 'patient' ? 'patients' : 'inquiries'}/${seg(owner.id)}`;

/** The placement endpoints: evaluation, the guided form, assessments, referrals out, the rule table, overrides. */
export const createPlacementApi = (http: Http) => ({
  evaluate: (body: EvaluateBody) => http.post<PlacementResult>('/placement/evaluate', body),
  questions: (signal?: AbortSignal) =>
    http.get<PlacementQuestions>('/placement/questions', undefined, signal),
  ruleTable: (signal?: AbortSignal) => http.get<RuleTable>('/placement/rule-table', undefined, signal),
  saveRuleTable: (body: PutRuleTableBody) => http.put<RuleTable>('/placement/rule-table', body),

  assessments: (owner: PlacementOwner, signal?: AbortSignal) =>
    http.get<PlacementAssessment[]>(`${base(owner)}/placement-assessments`, undefined, signal),
  assessment: (owner: PlacementOwner, id: string, signal?: AbortSignal) =>
    http.get<PlacementAssessment>(`${base(owner)}/placement-assessments/${seg(id)}`, undefined, signal),
  startAssessment: (owner: PlacementOwner, body: CreateAssessmentBody) =>
    http.post<PlacementAssessment>(`${base(owner)}/placement-assessments`, body),
  saveAssessment: (owner: PlacementOwner, id: string, body: UpdateAssessmentBody) =>
    http.patch<PlacementAssessment>(`${base(owner)}/placement-assessments/${seg(id)}`, body),
  signAssessment: (owner: PlacementOwner, id: string, body: SignAssessmentBody) =>
    http.post<PlacementAssessment>(`${base(owner)}/placement-assessments/${seg(id)}/sign`, body),
  applyAssessment: (patientId: string, id: string, body: ApplyAssessmentBody) =>
    http.post<{ assessment: PlacementAssessment; episode: Episode }>(
      `/patients/${seg(patientId)}/placement-assessments/${seg(id)}/apply`,
      body,
    ),

  referrals: (owner: PlacementOwner, signal?: AbortSignal) =>
    http.get<ReferralOut[]>(`${base(owner)}/referrals`, undefined, signal),
  createReferral: (owner: PlacementOwner, body: CreateReferralBody) =>
    http.post<ReferralOut>(`${base(owner)}/referrals`, body),
  sendReferral: (owner: PlacementOwner, id: string, version: number) =>
    http.post<ReferralOut>(`${base(owner)}/referrals/${seg(id)}/send`, { version }),

  overrides: (query: OverrideReportQuery, signal?: AbortSignal) =>
    http.get<OverrideReport>('/reports/placement-overrides', { ...query }, signal),
});
