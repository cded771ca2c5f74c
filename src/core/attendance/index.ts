/**
 * Attendance's pure domain (SPEC §6). **Minutes attended per patient per session is the atomic
 * fact** (`AttendanceRecord`, made by `attendanceRecords` from a validated roll call); weekly hours,
 * compliance status, the rules that raise alerts, the compliance report and the portal's week all
 * derive from it and store nothing of their own.
 *
 * Conventions (shared with `core/schedule`, whose time helpers these reuse):
 * - Instants are epoch milliseconds; dates are the site's local `YYYY-MM-DD`. A record carries its
 *   session's local date, so grouping by week needs no time zone.
 * - Minutes are integers; part minutes are dropped (a billed minute is a minute attended). Hours are
 *   for display only (`hoursOf`, one decimal).
 * - Weeks start on Monday at the site; a week is judged only once its Sunday has passed.
 * - The rules return decisions (`ComplianceDecision`) with dedupe keys naming the streak that raised
 *   them; the server raises each key once through the alerts module.
 */
export {
  actualTimes,
  type AttendanceRecord,
  attendanceRecords,
  type AttendanceStatus,
  type AttendedVia,
  everyonePresent,
  markException,
  minutesAttended,
  type RollCallEntry,
  type RollCallMark,
  type RollCallSession,
  type RollCallSubmission,
  type Unbooked,
  validateRollCall,
} from './rollCall.js';
export {
  hoursOf,
  isWeekComplete,
  type MinutesOnDate,
  weeklyCompliance,
  type WeeklyCompliance,
  weeklyHoursAttended,
  type WeeklyMinutes,
  type WeeklyMinutesRange,
  weeklyMinutesRange,
  type WeeklyStatus,
} from './weeklyHours.js';
export {
  type AttendanceHistory,
  COMPLIANCE_RULES_SETTINGS_KEY,
  type ComplianceDecision,
  type ComplianceRuleSettings,
  complianceRulesFrom,
  DEFAULT_COMPLIANCE_RULES,
  type EnrolledWeek,
  evaluateComplianceRules,
  type FollowUpTask,
  isTaperWeek,
  type SessionAttendance,
  type Taper,
  taperWeeks,
} from './complianceRules.js';
export {
  complianceReport,
  type ComplianceReportGroup,
  type ComplianceReportPatient,
  type TrackEnrolmentWeek,
} from './complianceReport.js';
