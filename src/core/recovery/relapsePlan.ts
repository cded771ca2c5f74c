import { checkItems, cleanItem, diffItems, itemKey, MAX_ITEMS, normaliseItems } from './itemLists.js';
import { normaliseCrisisNumber } from './phone.js';

/**
 * The relapse prevention plan (SPEC §9): triggers, warning signs, coping strategies, support
 * contacts, crisis steps with crisis lines, and reasons for recovery. Every saved change is a new
 * version; a version holds a copy of each chosen contact's name and phone as they were when it was
 * saved, so an old version (or its print) still says whom the patient planned to call.
 */

export const ITEM_SECTIONS = [
  'triggers',
  'warningSigns',
  'copingStrategies',
  'otherSupports',
  'crisisSteps',
  'reasonsForRecovery',
] as const;
export type ItemSection = (typeof ITEM_SECTIONS)[number];

/** Headings as staff and the patient read them (the print uses the same words). */
export const SECTION_LABELS: Record<ItemSection | 'supportContacts' | 'crisisLines', string> = {
  triggers: 'My triggers',
  warningSigns: 'My warning signs',
  copingStrategies: 'What helps me cope',
  supportContacts: 'People I can call',
  otherSupports: 'Other support',
  crisisSteps: 'If I am in crisis',
  crisisLines: 'Crisis lines',
  reasonsForRecovery: 'My reasons for recovery',
};

export interface CrisisLine {
  name: string;
  /** E.164, or a short code such as 988. */
  number: string;
}

/** A support contact as the version saw it. */
export interface PlanSupportContact {
  contactId: string;
  name: string;
  relationship: string;
  phone: string;
}

export interface PlanContent {
  triggers: string[];
  warningSigns: string[];
  copingStrategies: string[];
  supportContacts: PlanSupportContact[];
  otherSupports: string[];
  crisisSteps: string[];
  crisisLines: CrisisLine[];
  reasonsForRecovery: string[];
}

/** What the editor sends: contacts by id; the server copies their details in. */
export interface PlanDraft {
  triggers: string[];
  warningSigns: string[];
  copingStrategies: string[];
  supportContactIds: string[];
  otherSupports: string[];
  crisisSteps: string[];
  crisisLines: CrisisLine[];
  reasonsForRecovery: string[];
}

/** Offered in every new plan: the US national suicide and crisis line (call or text 988). */
export const SUGGESTED_CRISIS_LINES: readonly CrisisLine[] = [
  { name: '988 Suicide & Crisis Lifeline (call or text)', number: '988' },
  { name: 'SAMHSA National Helpline (free, 24/7, treatment referral)', number: '+18006624357' },
];

export const EMPTY_DRAFT: PlanDraft = {
  triggers: [],
  warningSigns: [],
  copingStrategies: [],
  supportContactIds: [],
  otherSupports: [],
  crisisSteps: [],
  crisisLines: [],
  reasonsForRecovery: [],
};

export interface DraftProblem {
  field: string;
  message: string;
}

/**
 * Cleans a draft (item lists normalised, contacts and crisis lines de-duplicated, numbers in stored
 * form) and lists what is wrong with it, as JSON-pointer fields the editor can show.
 */
export const normaliseDraft = (draft: PlanDraft): { draft: PlanDraft; problems: DraftProblem[] } => {
  const problems: DraftProblem[] = [];
  const cleaned: PlanDraft = { ...EMPTY_DRAFT };
  for (const section of ITEM_SECTIONS) {
    cleaned[section] = normaliseItems(draft[section]);
    for (const p of checkItems(cleaned[section]))
      problems.push({ field: p.index < 0 ? `/${section}` : `/${section}/${p.index}`, message: p.message });
  }
  cleaned.supportContactIds = [...new Set(draft.supportContactIds)];
  if (cleaned.supportContactIds.length > MAX_ITEMS)
    problems.push({ field: '/supportContactIds', message: `must have at most ${MAX_ITEMS} contacts` });
  const lines: CrisisLine[] = [];
  const seen = new Set<string>();
  draft.crisisLines.forEach((line, index) => {
    const name = cleanItem(line.name);
    const number = normaliseCrisisNumber(line.number);
    if (name.length === 0) problems.push({ field: `/crisisLines/${index}/name`, message: 'is required' });
    if (!number.ok) problems.push({ field: `/crisisLines/${index}/number`, message: number.message });
    if (name.length === 0 || !number.ok || seen.has(number.e164)) return;
    seen.add(number.e164);
    lines.push({ name, number: number.e164 });
  });
  if (lines.length > 10) problems.push({ field: '/crisisLines', message: 'must have at most 10 lines' });
  cleaned.crisisLines = lines;
  return { draft: cleaned, problems };
};

/** A plan with nothing in it is not worth a version. */
export const isEmptyPlan = (content: PlanContent): boolean =>
  ITEM_SECTIONS.every((s) => content[s].length === 0) &&
  content.supportContacts.length === 0 &&
  content.crisisLines.length === 0;

const contactKey = (c: PlanSupportContact): string => `${c.contactId}|${itemKey(c.name)}|${c.phone}`;
const lineKey = (l: CrisisLine): string => `${itemKey(l.name)}|${l.number}`;

/** Same content, item for item and in the same order: saving it again makes no new version. */
export const samePlanContent = (a: PlanContent, b: PlanContent): boolean =>
  ITEM_SECTIONS.every((s) => a[s].length === b[s].length && a[s].every((item, i) => item === b[s][i])) &&
  a.supportContacts.map(contactKey).join('\n') === b.supportContacts.map(contactKey).join('\n') &&
  a.crisisLines.map(lineKey).join('\n') === b.crisisLines.map(lineKey).join('\n');

export interface SectionChange {
  section: ItemSection | 'supportContacts' | 'crisisLines';
  added: string[];
  removed: string[];
}

/** What changed from one version to the next, section by section (only sections that changed). */
export const diffPlans = (before: PlanContent, after: PlanContent): SectionChange[] => {
  const changes: SectionChange[] = [];
  const push = (section: SectionChange['section'], diff: { added: string[]; removed: string[] }) => {
    if (diff.added.length > 0 || diff.removed.length > 0) changes.push({ section, ...diff });
  };
  for (const section of ITEM_SECTIONS) push(section, diffItems(before[section], after[section]));
  push(
    'supportContacts',
    diffItems(
      before.supportContacts.map((c) => `${c.name} (${c.phone})`),
      after.supportContacts.map((c) => `${c.name} (${c.phone})`),
    ),
  );
  push(
    'crisisLines',
    diffItems(
      before.crisisLines.map((l) => `${l.name}: ${l.number}`),
      after.crisisLines.map((l) => `${l.name}: ${l.number}`),
    ),
  );
  return changes;
};

/** A short line for the version list, e.g. "2 triggers added, 1 crisis line removed". */
export const summariseChanges = (changes: readonly SectionChange[]): string => {
  if (changes.length === 0) return 'No changes';
  const parts: string[] = [];
  for (const c of changes) {
    const label = SECTION_LABELS[c.section].replace(/^(My|If I am in) /, '').toLowerCase();
    if (c.added.length > 0) parts.push(`${label}: ${c.added.length} added`);
    if (c.removed.length > 0) parts.push(`${label}: ${c.removed.length} removed`);
  }
  return parts.join('; ');
};
