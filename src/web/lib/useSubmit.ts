import { useCallback, useRef, useState } from 'react';
import { type ProblemDetails, fieldErrors, toProblem } from '../api/problem.js';

export type SubmitResult<R> = { ok: true; value: R } | { ok: false; problem: ProblemDetails };

export interface Submission<Args extends unknown[], R> {
  /** Runs the action once at a time; the failure is also kept in `problem` for display. */
  run: (...args: Args) => Promise<SubmitResult<R>>;
  pending: boolean;
  problem: ProblemDetails | null;
  /** The problem's field messages keyed by path, e.g. `firstName`, `credentials/npi`. */
  errors: Record<string, string>;
  clear: () => void;
}

const BUSY: ProblemDetails = {
  type: 'about:blank',
  title: 'Already saving',
  status: 0,
  code: 'BUSY',
  detail: 'The previous request is still running.',
};

/** State for one form's or button's write: pending flag, the server's problem and field errors. */
export const useSubmit = <Args extends unknown[], R>(
  action: (...args: Args) => Promise<R>,
): Submission<Args, R> => {
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const actionRef = useRef(action);
  actionRef.current = action;
  const inFlight = useRef(false);

  const run = useCallback(async (...args: Args): Promise<SubmitResult<R>> => {
    if (inFlight.current) return { ok: false, problem: BUSY };
    inFlight.current = true;
    setPending(true);
    setProblem(null);
    try {
      return { ok: true, value: await actionRef.current(...args) };
    } catch (error) {
      const found = toProblem(error);
      setProblem(found);
      return { ok: false, problem: found };
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);

  const clear = useCallback(() => setProblem(null), []);
  return { run, pending, problem, errors: fieldErrors(problem), clear };
};

export const isStale = (result: SubmitResult<unknown>): boolean =>
  !result.ok && result.problem.code === 'STALE_VERSION';
