import { randomUUID } from 'node:crypto';
import { LATE_NOTE_REPORT_ROLES } from '../../../core/notes/lateNoteAccess.js';
import type { ClinicalNotesTable } from '../../../db/schema.js';
import type { CaseFixture, RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

const DAP = { data: 'Reported fewer cravings.', assessment: 'Progressing.', plan: 'Continue.' };
const CASE_NOTE = { contact: 'Phone', needs: 'Housing', actions: 'Referral sent', follow_up: 'Friday' };

const passwordProof = (fx: RouteFixtures, c: CaseFixture) => {
  const user = fx.server.demo.users.find((u) => u.email === c.member.email);
  return { method: 'password', password: user?.password ?? 'unknown' };
};

/** A note about the case's patient, written directly: a draft by the caller, or signed by someone else. */
const insertNote = async (
  fx: RouteFixtures,
  c: CaseFixture,
  overrides: Partial<ClinicalNotesTable> = {},
): Promise<string> => {
  const id = randomUUID();
  const nowIso = fx.server.clock.now().toISOString();
  const caseNote = c.member.role === 'case_manager';
  await fx.server.db.kysely
    .insertInto('clinical_notes')
    .values({
      id,
      patient_id: patientOf(c).id,
      site_id: patientOf(c).siteId,
      episode_id: null,
      note_type: caseNote ? 'case_management' : 'individual',
      template_key: caseNote ? 'case_management' : 'dap',
      title: 'Session',
      author_user_id: c.member.userId,
      service_date: await fx.todayAt(patientOf(c).siteId),
      roll_call_id: null,
      occurrence_key: null,
      minutes: 50,
      group_note_id: null,
      body: JSON.stringify({ sections: caseNote ? CASE_NOTE : DAP }),
      objective_ids: '[]',
      status: 'draft',
      needs_cosignature: 0,
      cosigner_user_id: null,
      signed_at: null,
      cosigned_at: null,
      cosigned_by: null,
      due_at: null,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
      ...overrides,
    })
    .execute();
  return id;
};

/** A group note draft by the caller, on a roll call of the case's session. */
const insertGroupNote = async (fx: RouteFixtures, c: CaseFixture): Promise<string> => {
  const session = c.session;
  if (!session) throw new Error('this case has no session fixture');
  const nowIso = fx.server.clock.now().toISOString();
  const rollCallId = randomUUID();
  const today = await fx.todayAt(session.siteId);
  await fx.server.db.kysely
    .insertInto('roll_calls')
    .values({
      id: rollCallId,
      occurrence_key: `${session.id}@${today}#${rollCallId}`,
      series_id: session.id,
      scheduled_date: today,
      local_date: today,
      status: 'held',
      cancellation_reason: null,
      actual_start_at: nowIso,
      actual_end_at: nowIso,
      leader_id: session.clinicianId,
      recorded_by: session.clinicianId,
      recorded_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  const id = randomUUID();
  await fx.server.db.kysely
    .insertInto('group_notes')
    .values({
      id,
      site_id: session.siteId,
      roll_call_id: rollCallId,
      series_id: session.id,
      service_date: today,
      title: 'Group',
      author_user_id: c.member.userId,
      narrative: 'Topic: coping with cravings.',
      attendees: '[]',
      status: 'draft',
      signed_at: null,
      due_at: null,
      created_at: nowIso,
      updated_at: nowIso,
      version: 1,
    })
    .execute();
  return id;
};

const NOTE_WRITERS = ['program_director', 'clinical_supervisor', 'clinician', 'case_manager'] as const;

/**
 * Authorization specs of the note routes (see ROUTE_TABLE). Notes follow the patient policy
 * (`note.read`, `note.write`, `note.cosign`); a draft is its author's, so each case writes its own.
 * Group notes follow the session policy (`groupnote.write`) and then belong to their author.
 */
export const NOTE_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/note-templates': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  // Each case edits a template of its own (a clinic-added one) so versions do not collide between cases.
  'PUT /api/v1/note-templates/:key': {
    rule: { kind: 'roles', roles: ['admin', 'program_director', 'clinical_supervisor'] },
    success: { status: 200 },
    build: async (fx) => {
      const key = `custom_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      await fx.server.db.kysely
        .insertInto('note_templates')
        .values({
          id: randomUUID(),
          key,
          note_type: 'individual',
          name: 'Brief check-in',
          sections: JSON.stringify([{ key: 'check_in', label: 'Check-in', hint: '' }]),
          active: 1,
          updated_by: null,
          updated_at: fx.server.clock.now().toISOString(),
          version: 1,
        })
        .execute();
      return {
        params: { key },
        body: {
          version: 1,
          name: 'Brief check-in',
          sections: [
            { key: 'check_in', label: 'Check-in', hint: 'How the week went' },
            { key: 'next_steps', label: 'Next steps', hint: '' },
          ],
        },
      };
    },
  },
  'GET /api/v1/patients/:id/notes': {
    rule: { kind: 'patient', action: 'note.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => ({ ...byId(c), query: { limit: '20' } }),
  },
  'POST /api/v1/patients/:id/notes': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => ({
      ...byId(c),
      body: {
        noteType: c.member.role === 'case_manager' ? 'case_management' : 'individual',
        serviceDate: await fx.todayAt(patientOf(c).siteId),
      },
    }),
  },
  'GET /api/v1/notes/:id': {
    rule: { kind: 'patient', action: 'note.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({ params: { id: await insertNote(fx, c, { status: 'signed' }) } }),
  },
  'PUT /api/v1/notes/:id': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: await insertNote(fx, c) },
      body: { version: 1, title: 'Session (edited)' },
    }),
  },
  'POST /api/v1/notes/:id/discard': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({ params: { id: await insertNote(fx, c) }, body: { version: 1 } }),
  },
  'POST /api/v1/notes/:id/sign': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: await insertNote(fx, c) },
      body: { version: 1, proof: passwordProof(fx, c) },
    }),
  },
  // Signed by a clinician the demo supervisor supervises, waiting for the caller's co-signature.
  'POST /api/v1/notes/:id/cosign': {
    rule: { kind: 'patient', action: 'note.cosign' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: {
        id: await insertNote(fx, c, {
          author_user_id: fx.member('clinician').userId,
          note_type: 'individual',
          template_key: 'dap',
          body: JSON.stringify({ sections: DAP }),
          status: 'signed',
          signed_at: fx.server.clock.now().toISOString(),
          needs_cosignature: 1,
          cosigner_user_id: c.member.userId,
        }),
      },
      body: { proof: passwordProof(fx, c) },
    }),
  },
  'POST /api/v1/notes/:id/addenda': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => ({
      params: {
        id: await insertNote(fx, c, {
          author_user_id: fx.member('program_director').userId,
          status: 'signed',
          signed_at: fx.server.clock.now().toISOString(),
        }),
      },
      body: { body: 'Late entry: patient called.', proof: passwordProof(fx, c) },
    }),
  },
  // Nobody has taken the roll of today's session yet, so an allowed caller learns to take it first.
  'POST /api/v1/sessions/:id/group-note': {
    rule: { kind: 'session', action: 'groupnote.write' },
    needs: { session: true },
    success: { status: 400, code: 'INVALID_STATE', why: 'the group note starts from a roll call' },
    build: (_fx, c) => ({ params: { id: c.session?.occurrenceKey ?? '' } }),
  },
  'GET /api/v1/group-notes/:id': {
    rule: { kind: 'roles', roles: NOTE_WRITERS },
    needs: { session: true },
    success: { status: 200 },
    build: async (fx, c) => ({ params: { id: await insertGroupNote(fx, c) } }),
  },
  'PUT /api/v1/group-notes/:id': {
    rule: { kind: 'roles', roles: NOTE_WRITERS },
    needs: { session: true },
    success: { status: 200 },
    build: async (fx, c) => ({
      params: { id: await insertGroupNote(fx, c) },
      body: { version: 1, narrative: 'Topic: sleep.' },
    }),
  },
  // A draft without attendees has no chart to sign into: an allowed author is told so.
  'POST /api/v1/group-notes/:id/sign': {
    rule: { kind: 'roles', roles: NOTE_WRITERS },
    needs: { session: true },
    success: { status: 400, code: 'INVALID_STATE', why: 'the draft has no attendees' },
    build: async (fx, c) => ({
      params: { id: await insertGroupNote(fx, c) },
      body: { version: 1, proof: passwordProof(fx, c) },
    }),
  },
  'GET /api/v1/patients/:id/process-notes': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/patients/:id/process-notes': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: async (fx, c) => ({
      ...byId(c),
      body: { serviceDate: await fx.todayAt(patientOf(c).siteId), body: 'My reaction to the session.' },
    }),
  },
  'PUT /api/v1/process-notes/:id': {
    rule: { kind: 'patient', action: 'note.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => {
      const id = randomUUID();
      const nowIso = fx.server.clock.now().toISOString();
      await fx.server.db.kysely
        .insertInto('process_notes')
        .values({
          id,
          patient_id: patientOf(c).id,
          author_user_id: c.member.userId,
          service_date: await fx.todayAt(patientOf(c).siteId),
          body: 'First thoughts.',
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      return { params: { id }, body: { version: 1, body: 'Second thoughts.' } };
    },
  },
  'GET /api/v1/reports/late-notes': {
    rule: { kind: 'roles', roles: LATE_NOTE_REPORT_ROLES },
    success: { status: 200 },
    build: () => ({ params: {}, query: { limit: '20' } }),
  },
};
