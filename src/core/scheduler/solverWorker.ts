import { parentPort, workerData } from 'node:worker_threads';
import { scheduleWeek } from './schedule.js';
import type { WorkerRequest, WorkerReply } from './worker.js';

// Runs in a worker thread (loaded through solverWorker.mjs): one week per worker, then exit.
const request = workerData as WorkerRequest;
let reply: WorkerReply;
try {
  reply = { ok: true, result: scheduleWeek(request.week, request.options) };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(reply);
