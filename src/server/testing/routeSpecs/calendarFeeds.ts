import { randomUUID } from 'node:crypto';
import { newToken, tokenHash } from '../../auth/tokens.js';
import type { RouteFixtures, RouteSpec } from '../routeTable.js';
import { byId, patientOf } from '../routeSpecSupport.js';

/** A feed of the patient's schedule, stored as the service stores it; answers its id and secret token. */
const insertFeed = async (fx: RouteFixtures, patientId: string): Promise<{ id: string; token: string }> => {
  const id = randomUUID();
  const token = newToken();
  await fx.server.db.kysely
    .insertInto('calendar_feeds')
    .values({
      id,
      owner_kind: 'patient',
      owner_id: patientId,
      token_hash: tokenHash(token),
      created_by: fx.member('program_director').userId,
      created_at: fx.server.clock.now().toISOString(),
      revoked_at: null,
    })
    .execute();
  return { id, token };
};

/**
 * Authorization specs of the calendar feed routes (see ROUTE_TABLE). A patient's feeds follow the
 * patient policy (`schedule.write` to create and revoke: it is the patient's opt-in recorded by their
 * care team; `schedule.read` to list); every staff member has their own feed; the feed itself is
 * public, its token being the credential.
 */
export const CALENDAR_FEED_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'POST /api/v1/patients/:id/calendar-feeds': {
    rule: { kind: 'patient', action: 'schedule.write' },
    needs: { patient: 'any' },
    success: { status: 201 },
    build: (_fx, c) => byId(c),
  },
  'GET /api/v1/patients/:id/calendar-feeds': {
    rule: { kind: 'patient', action: 'schedule.read' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: (_fx, c) => byId(c),
  },
  'POST /api/v1/calendar-feeds/:id/revoke': {
    rule: { kind: 'patient', action: 'schedule.write' },
    needs: { patient: 'any' },
    success: { status: 200 },
    build: async (fx, c) => ({ params: { id: (await insertFeed(fx, patientOf(c).id)).id } }),
  },
  'POST /api/v1/me/calendar-feeds': {
    rule: { kind: 'anyStaff' },
    success: { status: 201 },
    build: () => ({ params: {} }),
  },
  'GET /api/v1/me/calendar-feeds': {
    rule: { kind: 'anyStaff' },
    success: { status: 200 },
    build: () => ({ params: {} }),
  },
  'GET /calendar/:token.ics': {
    rule: { kind: 'public' },
    success: { status: 200 },
    build: async (fx) => {
      const patient = await fx.createPatient({
        siteId: fx.firstSiteId,
        status: 'active',
        caseload: [],
        openEpisode: false,
      });
      return { params: { token: (await insertFeed(fx, patient.id)).token } };
    },
  },
};
