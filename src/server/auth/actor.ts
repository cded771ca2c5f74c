import type { Actor } from '../../core/access/actor.js';
import { isRole } from '../../core/access/roles.js';
import type { Db } from '../../db/createDb.js';

/** Builds the Actor for a user: role, sites, supervisees and credential scope. Null if inactive. */
export const loadActor = async (db: Db, userId: string): Promise<Actor | null> => {
  const user = await db.kysely
    .selectFrom('users')
    .leftJoin('credentials', 'credentials.user_id', 'users.id')
    .select([
      'users.id',
      'users.role',
      'users.active',
      'credentials.licence_expires_on',
      'credentials.may_diagnose',
      'credentials.may_sign_placements',
      'credentials.needs_cosignature',
      'credentials.supervisor_id',
      'credentials.user_id as credential_user',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || user.active !== 1 || !isRole(user.role)) return null;
  const [sites, supervisees] = await Promise.all([
    db.kysely.selectFrom('user_sites').select('site_id').where('user_id', '=', userId).execute(),
    db.kysely.selectFrom('credentials').select('user_id').where('supervisor_id', '=', userId).execute(),
  ]);
  return {
    userId: user.id,
    role: user.role,
    siteIds: sites.map((s) => s.site_id),
    superviseeIds: supervisees.map((s) => s.user_id),
    credentials: user.credential_user
      ? {
          licenceExpiresOn: user.licence_expires_on,
          mayDiagnose: user.may_diagnose === 1,
          maySignPlacements: user.may_sign_placements === 1,
          needsCosignature: user.needs_cosignature === 1,
          supervisorId: user.supervisor_id,
        }
      : null,
  };
};
