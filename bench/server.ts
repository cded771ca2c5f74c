// A server process for the benchmarks: the real composition root, configured by environment.
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';

const server = await startServer(loadConfig());
process.send?.({ ready: server.url });
// CPU the server has used, so a benchmark can report cost per request apart from machine load.
process.on('message', (message: { cpu?: boolean }) => {
  if (message.cpu) process.send?.({ cpu: process.cpuUsage() });
});
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
