import type { Role } from './roles.js';

/** Scope flags from a staff member's credentials (SPEC §1). */
export interface CredentialScope {
  licenceExpiresOn: string | null;
  mayDiagnose: boolean;
  maySignPlacements: boolean;
  needsCosignature: boolean;
  supervisorId: string | null;
}

/** Who is asking: resolved once per request from the session or API token. */
export interface Actor {
  userId: string;
  role: Role;
  /** Sites the user works at; program directors see every patient of these. */
  siteIds: readonly string[];
  /** Clinicians whose credentials name this user as supervisor. */
  superviseeIds: readonly string[];
  credentials: CredentialScope | null;
}
