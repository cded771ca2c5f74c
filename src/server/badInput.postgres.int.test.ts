import { describe, it } from 'vitest';
import { TEST_DIALECTS } from '../db/testing/testDatabases.js';
import { defineBadInputSuite } from './badInput.suite.js';

if (TEST_DIALECTS.includes('postgres')) defineBadInputSuite('postgres');
else describe.skip('bad input on postgres', () => it('needs TEST_DATABASE_URL', () => {}));
