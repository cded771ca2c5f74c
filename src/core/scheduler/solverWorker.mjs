// Worker entry: registers tsx's loader inside this thread, so the TypeScript solver runs the same
// under `npm start` (tsx), the `openiop` launcher, vitest and plain node.
import { tsImport } from 'tsx/esm/api';

await tsImport('./solverWorker.ts', import.meta.url);
