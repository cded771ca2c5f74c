import { Badge } from '@mantine/core';
import type { PatientStatus } from '../../core/care/levels.js';

const STATUS: Record<PatientStatus, { label: string; color: string }> = {
  intake: { label: 'Intake', color: 'blue' },
  active: { label: 'Active', color: 'success' },
  discharged: { label: 'Discharged', color: 'gray' },
};

export const PatientStatusBadge = ({ status }: { status: PatientStatus }) => (
  <Badge variant="light" color={STATUS[status].color}>
    {STATUS[status].label}
  </Badge>
);

const SEVERITY = {
  urgent: { label: 'Urgent', color: 'red', variant: 'filled' },
  high: { label: 'High', color: 'warning', variant: 'light' },
  normal: { label: 'Normal', color: 'gray', variant: 'light' },
} as const;

export const SeverityBadge = ({ severity }: { severity: keyof typeof SEVERITY }) => (
  <Badge variant={SEVERITY[severity].variant} color={SEVERITY[severity].color}>
    {SEVERITY[severity].label}
  </Badge>
);

export const BreakGlassBadge = () => (
  <Badge variant="filled" color="red">
    Break the glass
  </Badge>
);
