/**
 * Priority populations (SPEC §2): federal block-grant rules require admission or interim services
 * within 48 hours for pregnant people and people who inject drugs, so their deadlines lead the waitlist.
 */
export const PRIORITY_POPULATIONS = ['pregnant', 'injecting_drug_use', 'pregnant_and_injecting'] as const;
export type PriorityPopulation = (typeof PRIORITY_POPULATIONS)[number];

export const PRIORITY_LABELS: Record<PriorityPopulation, string> = {
  pregnant: 'Pregnant',
  injecting_drug_use: 'Injects drugs',
  pregnant_and_injecting: 'Pregnant and injects drugs',
};

/** Fixed by the federal rule: the clock starts at the first contact. */
export const PRIORITY_WINDOW_HOURS = 48;
const HOUR_MS = 3_600_000;

export const isPriorityPopulation = (value: string): value is PriorityPopulation =>
  (PRIORITY_POPULATIONS as readonly string[]).includes(value);

/** The deadline for admission or interim services: 48 hours after the inquiry, or null when none applies. */
export const priorityDeadline = (
  inquiredAt: Date | string,
  population: PriorityPopulation | null | undefined,
): string | null => {
  if (!population) return null;
  const start = typeof inquiredAt === 'string' ? Date.parse(inquiredAt) : inquiredAt.getTime();
  if (Number.isNaN(start)) return null;
  return new Date(start + PRIORITY_WINDOW_HOURS * HOUR_MS).toISOString();
};

export type DeadlineStatus = 'overdue' | 'due_soon' | 'pending';

/** How urgent a deadline is now: passed, within 12 hours, or later. */
export const deadlineStatus = (deadline: string, now: Date): DeadlineStatus => {
  const left = Date.parse(deadline) - now.getTime();
  if (left <= 0) return 'overdue';
  return left <= 12 * HOUR_MS ? 'due_soon' : 'pending';
};

/**
 * The patient record knows two priority values ('pregnant', 'injects_drugs'); someone who is both is
 * recorded as pregnant, the first priority under the block-grant rules. The inquiry keeps the full value.
 */
export const patientPriorityOf = (
  population: PriorityPopulation | null,
): 'pregnant' | 'injects_drugs' | null => {
  switch (population) {
    case 'pregnant':
    case 'pregnant_and_injecting':
      return 'pregnant';
    case 'injecting_drug_use':
      return 'injects_drugs';
    case null:
      return null;
  }
};
