// Builds the staff and patient web app at install time so `npm start` serves at once.
// Skipped when the web sources are absent (e.g. a production install without them).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (process.env.OPENIOP_SKIP_WEB_BUILD === '1' || !existsSync('src/web/index.html')) {
  process.exit(0);
}
const result = spawnSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
