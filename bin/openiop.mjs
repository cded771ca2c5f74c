#!/usr/bin/env node
// Runs the TypeScript CLI through tsx. tsx is resolved from this package, not from the caller's
// working directory, so `openiop` works from anywhere once installed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');
const child = spawn(process.execPath, ['--import', tsx, main, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

// A terminal's Ctrl-C reaches the whole process group; the child handles it. Forward signals sent
// to this launcher alone (e.g. by a service manager) and wait for the child to finish.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}

child.on('error', (error) => {
  process.stderr.write(`openiop: could not start node: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
