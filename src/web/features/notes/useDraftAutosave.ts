import { useCallback, useEffect, useRef, useState } from 'react';
import { mergeDraftSections, type Sections } from '../../../core/notes/draftMerge.js';
import { type ProblemDetails, toProblem } from '../../api/problem.js';

export interface DraftSnapshot {
  version: number;
  sections: Sections;
}

export type AutosaveStatus = 'saved' | 'unsaved' | 'saving' | 'conflict' | 'error';

export interface DraftConflict {
  key: string;
  theirs: string;
}

interface Options {
  initial: DraftSnapshot;
  /** Saves the writer's sections against a version; resolves with what the server now holds. */
  save: (version: number, sections: Sections) => Promise<DraftSnapshot>;
  /** What the server holds now, after a stale save. */
  fetchCurrent: () => Promise<DraftSnapshot>;
  delayMs?: number;
}

/**
 * Drafts live on the server, never in browser storage: edits are saved a moment after typing stops.
 * A stale save (another tab saved first) is merged section by section against the version this
 * editor started from (core/notes/draftMerge): sections only one side changed are combined and
 * saved at once; sections both changed keep the writer's text and show the other text until the
 * writer chooses. Nothing typed is dropped.
 */
export const useDraftAutosave = ({ initial, save, fetchCurrent, delayMs = 1200 }: Options) => {
  const [sections, setSections] = useState<Record<string, string>>({ ...initial.sections });
  const [status, setStatus] = useState<AutosaveStatus>('saved');
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [conflicts, setConflicts] = useState<DraftConflict[]>([]);
  const base = useRef<DraftSnapshot>(initial);
  const mine = useRef<Record<string, string>>({ ...initial.sections });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const conflictsRef = useRef<DraftConflict[]>([]);
  const changedSinceSave = useRef(false);
  const saveRef = useRef(save);
  saveRef.current = save;
  const fetchRef = useRef(fetchCurrent);
  fetchRef.current = fetchCurrent;

  const saveNow = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (inFlight.current) await inFlight.current;
    if (!changedSinceSave.current) return true;
    if (conflictsRef.current.length > 0) return false;
    const run = (async (): Promise<'saved' | 'failed' | 'merged' | 'conflict'> => {
      changedSinceSave.current = false;
      setStatus('saving');
      const sent = { ...mine.current };
      try {
        base.current = await saveRef.current(base.current.version, sent);
        setProblem(null);
        setStatus(changedSinceSave.current ? 'unsaved' : 'saved');
        return 'saved';
      } catch (error) {
        const found = toProblem(error);
        changedSinceSave.current = true;
        if (found.code !== 'STALE_VERSION') {
          setProblem(found);
          setStatus('error');
          return 'failed';
        }
        const theirs = await fetchRef.current().catch(() => null);
        if (!theirs) {
          setProblem(found);
          setStatus('error');
          return 'failed';
        }
        const merge = mergeDraftSections(base.current.sections, mine.current, theirs.sections);
        base.current = theirs;
        const kept = { ...merge.merged };
        for (const c of merge.conflicts) kept[c.key] = c.mine;
        mine.current = kept;
        setSections(kept);
        if (merge.conflicts.length > 0) {
          const found = merge.conflicts.map((c) => ({ key: c.key, theirs: c.theirs }));
          conflictsRef.current = found;
          setConflicts(found);
          setStatus('conflict');
          return 'conflict';
        }
        setStatus('unsaved');
        return 'merged';
      }
    })();
    inFlight.current = run.then((outcome) => outcome === 'saved');
    const outcome = await run;
    inFlight.current = null;
    // A merge without conflicts saves the combined text straight away.
    if (outcome === 'merged') return saveNow();
    return outcome === 'saved';
  }, []);

  const setSection = useCallback(
    (key: string, text: string) => {
      mine.current = { ...mine.current, [key]: text };
      setSections(mine.current);
      changedSinceSave.current = true;
      if (conflictsRef.current.length > 0) return;
      setStatus('unsaved');
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), delayMs);
    },
    [delayMs, saveNow],
  );

  /** The writer has compared and keeps their text in the conflicting sections. */
  const keepMine = useCallback(async () => {
    setConflicts([]);
    conflictsRef.current = [];
    changedSinceSave.current = true;
    return saveNow();
  }, [saveNow]);

  /** The writer takes the other text for one conflicting section. */
  const takeTheirs = useCallback(
    (key: string) => {
      const conflict = conflictsRef.current.find((c) => c.key === key);
      if (!conflict) return;
      mine.current = { ...mine.current, [key]: conflict.theirs };
      setSections(mine.current);
      const left = conflictsRef.current.filter((c) => c.key !== key);
      conflictsRef.current = left;
      setConflicts(left);
      if (left.length === 0) void saveNow();
    },
    [saveNow],
  );

  // Leaving the page with unsaved text asks first; the text is saved on the way when possible.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (changedSinceSave.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  return {
    sections,
    setSection,
    status,
    problem,
    conflicts,
    keepMine,
    takeTheirs,
    /** Saves anything pending now (before signing); false when it could not. */
    flush: saveNow,
    version: () => base.current.version,
  };
};
