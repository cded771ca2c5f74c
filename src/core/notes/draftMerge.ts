/**
 * How a stale autosave is reconciled when two tabs edit one draft: the server refuses the stale
 * save (409) and returns its copy; the editor then merges section by section against the version
 * both started from. A section only one side changed takes that side; a section both changed to
 * different text is a conflict the writer resolves — nothing is dropped silently.
 */
export type Sections = Readonly<Record<string, string>>;

export interface SectionMerge {
  merged: Record<string, string>;
  /** Sections both sides changed differently: `merged` holds theirs, `mine` holds the writer's text. */
  conflicts: { key: string; mine: string; theirs: string }[];
}

export const mergeDraftSections = (base: Sections, mine: Sections, theirs: Sections): SectionMerge => {
  const keys = [...new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])];
  const merged: Record<string, string> = {};
  const conflicts: SectionMerge['conflicts'] = [];
  for (const key of keys) {
    const b = base[key] ?? '';
    const m = mine[key] ?? '';
    const t = theirs[key] ?? '';
    if (m === t || m === b) merged[key] = t;
    else if (t === b) merged[key] = m;
    else {
      merged[key] = t;
      conflicts.push({ key, mine: m, theirs: t });
    }
  }
  return { merged, conflicts };
};
