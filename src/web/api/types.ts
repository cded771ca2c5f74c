import type { Static } from '@sinclair/typebox';
import type {
  ApiToken as ApiTokenSchema,
  CreateApiTokenBody as CreateApiTokenBodySchema,
  SiteBody as SiteBodySchema,
  TrackBody as TrackBodySchema,
  UpdateProgramBody as UpdateProgramBodySchema,
  UpdateSiteBody as UpdateSiteBodySchema,
  UpdateTrackBody as UpdateTrackBodySchema,
} from '../../core/api/admin.js';
import type { AuditEventList as AuditEventListSchema } from '../../core/api/audit.js';
import type { Role } from '../../core/access/roles.js';

/** Types the core schemas declare without a `Static` alias, named once here for the web app. */
export type ApiToken = Static<typeof ApiTokenSchema>;
export type CreateApiTokenBody = Static<typeof CreateApiTokenBodySchema>;
export type SiteBody = Static<typeof SiteBodySchema>;
export type UpdateSiteBody = Static<typeof UpdateSiteBodySchema>;
export type UpdateProgramBody = Static<typeof UpdateProgramBodySchema>;
export type TrackBody = Static<typeof TrackBodySchema>;
export type UpdateTrackBody = Static<typeof UpdateTrackBodySchema>;
export type AuditEventList = Static<typeof AuditEventListSchema>;

/** One entry of `GET /staff` (pick lists). */
export interface StaffOption {
  id: string;
  displayName: string;
  role: Role;
}

export interface CreatedApiToken {
  /** The secret, shown once. */
  token: string;
  apiToken: ApiToken;
}

export type AlertFilter = 'open' | 'acknowledged' | 'resolved' | 'unresolved';
export type TaskFilter = 'open' | 'done';
