// A server process for the benchmarks: the real composition root, configured by environment.
import { loadConfig } from '../src/server/config.js';
import { startServer } from '../src/server/main.js';

const server = await startServer(loadConfig());
process.send?.({ ready: server.url });
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
