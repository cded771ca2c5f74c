import { describe, it } from 'vitest';
import { TEST_DIALECTS } from '../db/testing/testDatabases.js';
import { defineAuthorizationMatrix } from './authorizationMatrix.suite.js';

if (TEST_DIALECTS.includes('postgres')) defineAuthorizationMatrix('postgres');
else describe.skip('authorization matrix on postgres', () => it('needs TEST_DATABASE_URL', () => {}));
