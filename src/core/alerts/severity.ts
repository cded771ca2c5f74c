/** Alert severities, most pressing first. */
export const ALERT_SEVERITIES = ['urgent', 'high', 'normal'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const isAlertSeverity = (value: string): value is AlertSeverity =>
  (ALERT_SEVERITIES as readonly string[]).includes(value);

/** Lower sorts first in an inbox. */
export const severityRank = (severity: AlertSeverity): number => ALERT_SEVERITIES.indexOf(severity);

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
