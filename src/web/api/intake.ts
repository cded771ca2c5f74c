import type {
  ConvertBody,
  ConvertResult,
  Coverage,
  CreateCoverageBody,
  CreateInquiryBody,
  DuplicateCandidate,
  ImportResult,
  Inquiry,
  InquiryBoard,
  InquiryBoardQuery,
  MoveStageBody,
  TrackCapacity,
  UpdateCoverageBody,
  UpdateInquiryBody,
  Waitlist,
  WaitlistBody,
  WaitlistQuery,
} from '../../core/api/intake.js';
import type { Http } from './http.js';

const seg = encodeURIComponent;

export type CoverageOwnerRef = { kind: 'inquiry' | 'patient'; id: string };

const coverageBase = (owner: CoverageOwnerRef) =>
  `/${owner.kind === 'inquiry' ? 'inquiries' : 'patients'}/${seg(owner.id)}/coverage`;

/** The intake endpoints: board, inquiries, waitlist, capacity, conversion, coverage, referral import. */
export const createIntakeApi = (http: Http) => ({
  board: (query: InquiryBoardQuery, signal?: AbortSignal) =>
    http.get<InquiryBoard>('/inquiries', query, signal),
  get: (id: string, signal?: AbortSignal) => http.get<Inquiry>(`/inquiries/${seg(id)}`, undefined, signal),
  create: (body: CreateInquiryBody) => http.post<Inquiry>('/inquiries', body),
  update: (id: string, body: UpdateInquiryBody) => http.patch<Inquiry>(`/inquiries/${seg(id)}`, body),
  moveStage: (id: string, body: MoveStageBody) => http.post<Inquiry>(`/inquiries/${seg(id)}/stage`, body),
  waitlist: (id: string, body: WaitlistBody) => http.post<Inquiry>(`/inquiries/${seg(id)}/waitlist`, body),
  removeFromWaitlist: (id: string, version: number) =>
    http.post<Inquiry>(`/inquiries/${seg(id)}/waitlist/remove`, { version }),
  duplicates: (id: string, mrn: string | undefined, signal?: AbortSignal) =>
    http.get<DuplicateCandidate[]>(`/inquiries/${seg(id)}/duplicates`, { mrn }, signal),
  convert: (id: string, body: ConvertBody) => http.post<ConvertResult>(`/inquiries/${seg(id)}/convert`, body),
  waitlistEntries: (query: WaitlistQuery, signal?: AbortSignal) =>
    http.get<Waitlist>('/intake/waitlist', query, signal),
  capacity: (siteId: string | undefined, signal?: AbortSignal) =>
    http.get<TrackCapacity[]>('/intake/capacity', { siteId }, signal),
  importReferrals: (body: { siteId: string; csv: string }, dryRun: boolean) =>
    http.post<ImportResult>(`/inquiries/import?dryRun=${dryRun ? 'true' : 'false'}`, body),
  coverage: {
    list: (owner: CoverageOwnerRef, signal?: AbortSignal) =>
      http.get<Coverage[]>(coverageBase(owner), undefined, signal),
    create: (owner: CoverageOwnerRef, body: CreateCoverageBody) =>
      http.post<Coverage>(coverageBase(owner), body),
    update: (owner: CoverageOwnerRef, coverageId: string, body: UpdateCoverageBody) =>
      http.patch<Coverage>(`${coverageBase(owner)}/${seg(coverageId)}`, body),
    remove: (owner: CoverageOwnerRef, coverageId: string, version: number) =>
      http.post<unknown>(`${coverageBase(owner)}/${seg(coverageId)}/remove`, { version }),
  },
});

export type IntakeApi = ReturnType<typeof createIntakeApi>;
