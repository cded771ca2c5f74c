import { roleMayInquiry } from '../../core/access/inquiryPolicy.js';
import { roleMayManageSessions } from '../../core/access/sessionPolicy.js';
import { OVERRIDE_REPORT_ROLES } from '../../core/placement/signing.js';
import type { Role } from '../../core/access/roles.js';
import { canBreakGlass, canSeeBreakGlassReport, isAdmin } from '../session/permissions.js';
import { maySeeComplianceReport } from '../features/compliance/roles.js';
import { mayRunScheduler } from '../features/scheduler/roles.js';
import { mayEditPlanTemplates } from '../../core/plans/templateAccess.js';
import { mayEditNoteTemplates } from '../../core/notes/templateRules.js';
import { maySeeLateNotes } from '../../core/notes/lateNoteAccess.js';
import { mayOpenToday } from '../../core/access/today.js';

export interface NavItem {
  label: string;
  to: string;
  badge?: 'inbox';
  /** Whether a path belongs to this section (marks the item current). */
  matches: (pathname: string) => boolean;
}

/** Pages under /schedule with their own menu item. */
const SCHEDULE_SUBSECTIONS = ['/schedule/scheduler', '/schedule/rooms', '/schedule/closures'];

const section = (to: string) => (pathname: string) => pathname === to || pathname.startsWith(`${to}/`);

/** The sections a role can reach, in menu order. */
export const navItemsFor = (role: Role): NavItem[] => {
  const items: NavItem[] = [
    ...(mayOpenToday(role) ? [{ label: 'Today', to: '/today', matches: section('/today') }] : []),
    { label: 'Patients', to: '/patients', matches: section('/patients') },
    { label: 'Inbox', to: '/inbox', badge: 'inbox', matches: section('/inbox') },
    { label: 'Worklist', to: '/worklist', matches: section('/worklist') },
    {
      label: 'Schedule',
      to: '/schedule',
      matches: (p) =>
        (section('/schedule')(p) && !SCHEDULE_SUBSECTIONS.some((s) => section(s)(p))) ||
        p.startsWith('/sessions/'),
    },
  ];
  if (mayRunScheduler(role))
    items.push({ label: 'Scheduler', to: '/schedule/scheduler', matches: section('/schedule/scheduler') });
  // Everyone at a site may look at its rooms and closures; the menu offers them to those who keep them.
  if (roleMayManageSessions(role)) {
    items.push({ label: 'Rooms', to: '/schedule/rooms', matches: section('/schedule/rooms') });
    items.push({ label: 'Closures', to: '/schedule/closures', matches: section('/schedule/closures') });
  }
  if (roleMayInquiry(role, 'inquiry.read'))
    items.push({ label: 'Intake', to: '/intake', matches: section('/intake') });
  if (canBreakGlass(role)) {
    items.push({ label: 'Break the glass', to: '/break-glass', matches: (p) => p === '/break-glass' });
  }
  if (canSeeBreakGlassReport(role)) {
    items.push({
      label: 'Break-glass report',
      to: '/break-glass/report',
      matches: section('/break-glass/report'),
    });
  }
  if (maySeeComplianceReport(role))
    items.push({
      label: 'Hours compliance',
      to: '/reports/compliance',
      matches: section('/reports/compliance'),
    });
  if (maySeeLateNotes(role))
    items.push({ label: 'Late notes', to: '/reports/late-notes', matches: section('/reports/late-notes') });
  if (OVERRIDE_REPORT_ROLES.includes(role))
    items.push({
      label: 'Placement overrides',
      to: '/reports/placement-overrides',
      matches: section('/reports/placement-overrides'),
    });
  if (mayEditPlanTemplates(role))
    items.push({ label: 'Plan templates', to: '/plan-templates', matches: section('/plan-templates') });
  if (mayEditNoteTemplates(role))
    items.push({ label: 'Note templates', to: '/note-templates', matches: section('/note-templates') });
  if (isAdmin(role)) {
    items.push({
      label: 'Admin',
      to: '/admin',
      matches: (p) => section('/admin')(p) && !section('/admin/outbox')(p),
    });
    items.push({ label: 'Outbox', to: '/admin/outbox', matches: section('/admin/outbox') });
  }
  return items;
};
