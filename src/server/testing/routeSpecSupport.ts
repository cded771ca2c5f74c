import { randomUUID } from 'node:crypto';
import type { CaseFixture, PatientFixture, RecordFixture } from './routeTable.js';

/** Small helpers shared by the route specs of every area. */
export const patientOf = (c: CaseFixture): PatientFixture => {
  if (!c.patient) throw new Error('this case has no patient fixture');
  return c.patient;
};
export const recordOf = (record: RecordFixture | null): RecordFixture => {
  if (!record) throw new Error('this case has no alert or task fixture');
  return record;
};
export const byId = (c: CaseFixture) => ({ params: { id: patientOf(c).id } });
export const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
