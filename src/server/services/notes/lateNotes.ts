import type { LateNote, LateNotePage, LateNotesQuery } from '../../../core/api/notes.js';
import { hoursOverdue } from '../../../core/notes/noteRules.js';
import { recordReadAudit } from '../../../db/audit.js';
import type { RequestContext } from '../../context.js';
import type { AppDeps } from '../../deps.js';
import { auditFor, denyAndAudit } from '../access.js';
import { noteTypeOf } from './noteData.js';

/**
 * Late notes (SPEC §7, §13): drafts still unsigned after their due time. Directors see their sites,
 * supervisors their supervisees and themselves, clinicians and case managers their own.
 */
export const listLateNotes = async (
  deps: AppDeps,
  ctx: RequestContext,
  query: LateNotesQuery,
): Promise<LateNotePage> => {
  const { actor } = ctx;
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  let authors: string[] | null;
  let siteIds: readonly string[];
  switch (actor.role) {
    case 'program_director':
      authors = null;
      siteIds = query.siteId ? actor.siteIds.filter((s) => s === query.siteId) : actor.siteIds;
      break;
    case 'clinical_supervisor':
      authors = [actor.userId, ...actor.superviseeIds];
      siteIds = query.siteId ? [query.siteId] : [];
      break;
    case 'clinician':
    case 'case_manager':
      authors = [actor.userId];
      siteIds = query.siteId ? [query.siteId] : [];
      break;
    case 'admin':
    case 'intake_coordinator':
    case 'front_desk':
    case 'biller':
    case 'patient':
    case 'family_member':
      return denyAndAudit(
        deps,
        ctx,
        'report.late_notes',
        'Late notes are for clinical staff and their supervisors.',
      );
  }
  if (actor.role === 'program_director' && siteIds.length === 0)
    return { items: [], total: 0, limit, offset };
  const clock = deps.clock.now();
  const now = clock.toISOString();
  const db = deps.db.kysely;
  let notes = db
    .selectFrom('clinical_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_user_id')
    .innerJoin('patients as p', 'p.id', 'n.patient_id')
    .select([
      'n.id',
      'n.note_type',
      'n.title',
      'n.service_date',
      'n.due_at',
      'n.author_user_id',
      'u.display_name',
      'p.id as patient_id',
      'p.first_name',
      'p.last_name',
      'p.mrn',
    ])
    .where('n.status', '=', 'draft')
    .where('n.due_at', '<', now);
  let groups = db
    .selectFrom('group_notes as g')
    .innerJoin('users as u', 'u.id', 'g.author_user_id')
    .select([
      'g.id',
      'g.title',
      'g.service_date',
      'g.due_at',
      'g.author_user_id',
      'u.display_name',
      'g.attendees',
    ])
    .where('g.status', '=', 'draft')
    .where('g.due_at', '<', now);
  if (authors) {
    notes = notes.where('n.author_user_id', 'in', authors);
    groups = groups.where('g.author_user_id', 'in', authors);
  }
  if (siteIds.length > 0) {
    notes = notes.where('n.site_id', 'in', [...siteIds]);
    groups = groups.where('g.site_id', 'in', [...siteIds]);
  }
  const [noteRows, groupRows] = await Promise.all([notes.execute(), groups.execute()]);
  const items: LateNote[] = [
    ...noteRows.map((r) => ({
      kind: 'note' as const,
      id: r.id,
      noteType: noteTypeOf(r.note_type),
      title: r.title,
      serviceDate: r.service_date,
      author: { id: r.author_user_id, displayName: r.display_name },
      dueAt: r.due_at ?? now,
      hoursOverdue: hoursOverdue(r.due_at ?? now, clock),
      patient: { id: r.patient_id, name: `${r.first_name} ${r.last_name}`, mrn: r.mrn },
      attendeeCount: null,
    })),
    ...groupRows.map((r) => ({
      kind: 'group_note' as const,
      id: r.id,
      noteType: 'group' as const,
      title: r.title,
      serviceDate: r.service_date,
      author: { id: r.author_user_id, displayName: r.display_name },
      dueAt: r.due_at ?? now,
      hoursOverdue: hoursOverdue(r.due_at ?? now, clock),
      patient: null,
      attendeeCount: (() => {
        try {
          const value: unknown = JSON.parse(r.attendees);
          return Array.isArray(value) ? value.length : 0;
        } catch {
          return 0;
        }
      })(),
    })),
  ].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
  const page = items.slice(offset, offset + limit);
  const patientIds = [...new Set(page.flatMap((i) => (i.patient ? [i.patient.id] : [])))];
  await recordReadAudit(
    deps.db,
    { ...auditFor(ctx), action: 'report.late_notes', patientIds, recordType: 'report', recordId: null },
    clock,
  );
  return { items: page, total: items.length, limit, offset };
};
