import { type DependencyList, useCallback, useEffect, useEffectEvent, useState } from 'react';
import { type ProblemDetails, toProblem } from '../api/problem.js';

export type ResourceState<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'error'; problem: ProblemDetails; data: T | undefined }
  | { status: 'success'; data: T };

export interface Resource<T> {
  state: ResourceState<T>;
  /** Fetches again; the previous data stays visible meanwhile. */
  reload: () => void;
  /** Replaces the data after a successful write that returned the new record. */
  setData: (data: T) => void;
}

/**
 * Loads data for a component and reloads when `deps` change. Stale answers (from an earlier set of
 * deps) are dropped, and requests are aborted on unmount.
 */
export const useResource = <T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): Resource<T> => {
  const [state, setState] = useState<ResourceState<T>>({ status: 'loading', data: undefined });
  const [reloads, setReloads] = useState(0);
  const loadLatest = useEffectEvent(load);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loadLatest(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ status: 'error', problem: toProblem(error), data: previous.data }));
        }
      },
    );
    return () => controller.abort();
  }, [...deps, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const setData = useCallback((data: T) => setState({ status: 'success', data }), []);
  return { state, reload, setData };
};
