import type { PlanVersion, SupportContact } from '../../../core/api/recovery.js';
import { cleanItem, itemKey, MAX_ITEM_LENGTH } from '../../../core/recovery/itemLists.js';
import {
  EMPTY_DRAFT,
  normaliseDraft,
  type PlanDraft,
  SUGGESTED_CRISIS_LINES,
} from '../../../core/recovery/relapsePlan.js';

/**
 * The relapse prevention plan editor's state: a `PlanDraft` (contacts by id) built from the current
 * version, compared after the same cleaning the server does, so "unsaved changes" means what the
 * server would store differently.
 */

/** The editor's starting point: the current version, or a new plan with 988 already in it. */
export const draftFromVersion = (
  version: PlanVersion | null,
  activeContacts: readonly SupportContact[],
): PlanDraft => {
  if (!version)
    return { ...EMPTY_DRAFT, crisisLines: SUGGESTED_CRISIS_LINES.slice(0, 1).map((l) => ({ ...l })) };
  const active = new Set(activeContacts.map((c) => c.id));
  const { supportContacts, ...lists } = version.content;
  return {
    ...lists,
    // A contact archived since the version was saved drops out of the next one.
    supportContactIds: supportContacts.map((c) => c.contactId).filter((id) => active.has(id)),
  };
};

export const sameDraft = (a: PlanDraft, b: PlanDraft): boolean =>
  JSON.stringify(normaliseDraft(a).draft) === JSON.stringify(normaliseDraft(b).draft);

export type AddItemResult = { ok: true; items: string[] } | { ok: false; message: string };

/** Adds one typed item to a list, or says why not (empty, too long, already there). */
export const addItem = (items: readonly string[], typed: string): AddItemResult => {
  const item = cleanItem(typed);
  if (item.length === 0) return { ok: false, message: 'Type something first.' };
  if (item.length > MAX_ITEM_LENGTH)
    return { ok: false, message: `Keep it under ${MAX_ITEM_LENGTH} characters (now ${item.length}).` };
  if (items.some((existing) => itemKey(existing) === itemKey(item)))
    return { ok: false, message: `“${item}” is already in the list.` };
  return { ok: true, items: [...items, item] };
};

/** Puts a removed item back where it was. */
export const restoreItem = (items: readonly string[], item: string, index: number): string[] => {
  if (items.some((existing) => itemKey(existing) === itemKey(item))) return [...items];
  const at = Math.min(Math.max(index, 0), items.length);
  return [...items.slice(0, at), item, ...items.slice(at)];
};
