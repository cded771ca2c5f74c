import type { Clock } from '../core/runtime.js';
import { checkpointAuditChain, sealAuditChain } from '../db/audit.js';
import type { Db } from '../db/createDb.js';

export interface AuditSealer {
  /** Seal now (also used before shutdown and by tests). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Seals the audit hash chain every `sealMs` and checkpoints its head every `checkpointMs`.
 * Failures are logged and retried on the next tick; they never take the server down.
 */
export const startAuditSealer = (
  db: Db,
  clock: Clock,
  options: { sealMs: number; checkpointMs: number; onError: (error: unknown) => void },
): AuditSealer => {
  let lastCheckpoint = 0;
  let running: Promise<void> = Promise.resolve();
  const tick = (): Promise<void> => {
    running = running
      .then(async () => {
        await sealAuditChain(db);
        const now = clock.now();
        if (now.getTime() - lastCheckpoint >= options.checkpointMs) {
          await checkpointAuditChain(db, now);
          lastCheckpoint = now.getTime();
        }
      })
      .catch(options.onError);
    return running;
  };
  const timer = setInterval(() => void tick(), options.sealMs);
  timer.unref();
  return {
    flush: tick,
    stop: async () => {
      clearInterval(timer);
      await tick();
      lastCheckpoint = 0;
      await tick();
    },
  };
};
