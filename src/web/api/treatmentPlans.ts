import type {
  CosignPlanBody,
  CreatePlanTemplateBody,
  CurrentObjectives,
  PatientSignatureBody,
  PlacementSuggestions,
  PlanDueList,
  PlanTemplate,
  PlanTemplateList,
  PlanVersion,
  SaveDraftBody,
  SignPlanBody,
  StartPlanBody,
  TreatmentPlanOverview,
  UpdatePlanTemplateBody,
} from '../../core/api/plans.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;
const plan = (patientId: string) => `/patients/${seg(patientId)}/treatment-plan`;
const version = (patientId: string, versionId: string) => `${plan(patientId)}/versions/${seg(versionId)}`;

/** Treatment plans: the chart's plan, drafts, signatures, reviews, due plans and the template library. */
export const createTreatmentPlansApi = (http: Http) => ({
  overview: (patientId: string, signal?: AbortSignal) =>
    http.get<TreatmentPlanOverview>(plan(patientId), undefined, signal),
  version: (patientId: string, versionId: string, signal?: AbortSignal) =>
    http.get<PlanVersion>(version(patientId, versionId), undefined, signal),
  objectives: (patientId: string, signal?: AbortSignal) =>
    http.get<CurrentObjectives>(`${plan(patientId)}/objectives`, undefined, signal),
  placementSuggestions: (patientId: string) =>
    http.get<PlacementSuggestions>(`${plan(patientId)}/placement-suggestions`),
  start: (patientId: string, body: StartPlanBody) =>
    http.post<PlanVersion>(`${plan(patientId)}/drafts`, body),
  save: (patientId: string, versionId: string, body: SaveDraftBody) =>
    http.put<PlanVersion>(version(patientId, versionId), body),
  discard: (patientId: string, versionId: string, versionNumber: number) =>
    http.post<unknown>(`${version(patientId, versionId)}/discard`, { version: versionNumber }),
  sign: (patientId: string, versionId: string, body: SignPlanBody) =>
    http.post<PlanVersion>(`${version(patientId, versionId)}/sign`, body),
  patientSign: (patientId: string, versionId: string, body: PatientSignatureBody) =>
    http.post<PlanVersion>(`${version(patientId, versionId)}/patient-signature`, body),
  cosign: (patientId: string, versionId: string, body: CosignPlanBody) =>
    http.post<PlanVersion>(`${version(patientId, versionId)}/cosign`, body),
  due: (signal?: AbortSignal) => http.get<PlanDueList>('/treatment-plans/due', undefined, signal),
  templates: (signal?: AbortSignal) => http.get<PlanTemplateList>('/plan-templates', undefined, signal),
  createTemplate: (body: CreatePlanTemplateBody) => http.post<PlanTemplate>('/plan-templates', body),
  updateTemplate: (templateId: string, body: UpdatePlanTemplateBody) =>
    http.put<PlanTemplate>(`/plan-templates/${seg(templateId)}`, body),
});
