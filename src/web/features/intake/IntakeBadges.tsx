import { Badge, Tooltip } from '@mantine/core';
import { formatTimeLeft } from '../../../core/intake/age.js';
import { deadlineStatus, PRIORITY_LABELS, type PriorityPopulation } from '../../../core/intake/priority.js';
import { type InquiryStage, isTerminalStage, STAGE_LABELS } from '../../../core/intake/stages.js';
import { formatInstant } from '../../lib/dates.js';

// Only colours whose pale tints keep 4.5:1 text contrast in the theme.
const STAGE_COLORS: Record<InquiryStage, string> = {
  new: 'blue',
  screened: 'indigo',
  assessment_scheduled: 'indigo',
  assessed: 'indigo',
  admitted: 'success',
  referred_out: 'gray',
  closed: 'gray',
};

export const StageBadge = ({ stage }: { stage: InquiryStage }) => (
  <Badge variant="light" color={STAGE_COLORS[stage]}>
    {STAGE_LABELS[stage]}
  </Badge>
);

interface PriorityBadgeProps {
  population: PriorityPopulation | null;
  deadline: string | null;
  stage: InquiryStage;
  timeZone: string;
  now?: Date;
}

/**
 * A priority population with its 48-hour deadline (SPEC §2): solid red once passed, a red tint within 12
 * hours. The text says it all, so colour is never the only signal.
 */
export const PriorityBadge = ({
  population,
  deadline,
  stage,
  timeZone,
  now = new Date(),
}: PriorityBadgeProps) => {
  if (population === null) return null;
  if (deadline === null || isTerminalStage(stage)) {
    return (
      <Badge variant="light" color="gray">
        {PRIORITY_LABELS[population]}
      </Badge>
    );
  }
  const status = deadlineStatus(deadline, now);
  const color = status === 'pending' ? 'warning' : 'red';
  return (
    <Tooltip label={`48-hour deadline: ${formatInstant(deadline, timeZone)}`}>
      <Badge variant={status === 'overdue' ? 'filled' : 'light'} color={color} tabIndex={0}>
        {PRIORITY_LABELS[population]} · {formatTimeLeft(deadline, now)}
      </Badge>
    </Tooltip>
  );
};
