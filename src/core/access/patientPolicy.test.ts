import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { decidePatientAccess, type PatientAccessFacts, patientListScope } from './patientPolicy.js';

const actor = (over: Partial<Actor>): Actor => ({
  userId: 'u-clinician',
  role: 'clinician',
  siteIds: ['site-a'],
  superviseeIds: [],
  credentials: null,
  ...over,
});

const facts = (over: Partial<PatientAccessFacts>): PatientAccessFacts => ({
  siteId: 'site-a',
  status: 'active',
  caseloadUserIds: [],
  groupLeaderUserIds: [],
  breakGlass: false,
  ...over,
});

describe('decidePatientAccess', () => {
  it('lets a clinician see members of the groups they lead, not other colleagues’ patients', () => {
    const inMyGroup = facts({ caseloadUserIds: ['u-colleague'], groupLeaderUserIds: ['u-clinician'] });
    expect(decidePatientAccess(actor({}), inMyGroup, 'patient.read')).toEqual({
      allowed: true,
      basis: 'group',
    });
    expect(decidePatientAccess(actor({}), inMyGroup, 'measure.administer').allowed).toBe(true);
    const notMine = facts({ caseloadUserIds: ['u-colleague'], groupLeaderUserIds: ['u-colleague'] });
    expect(decidePatientAccess(actor({}), notMine, 'patient.read').allowed).toBe(false);
  });

  it('prefers the caseload when both hold, and lets supervisors see their supervisees’ group members', () => {
    const both = facts({ caseloadUserIds: ['u-clinician'], groupLeaderUserIds: ['u-clinician'] });
    expect(decidePatientAccess(actor({}), both, 'patient.read')).toEqual({
      allowed: true,
      basis: 'caseload',
    });
    const supervisor = actor({
      userId: 'u-supervisor',
      role: 'clinical_supervisor',
      superviseeIds: ['u-clinician'],
    });
    const inSuperviseeGroup = facts({ caseloadUserIds: ['u-other'], groupLeaderUserIds: ['u-clinician'] });
    expect(decidePatientAccess(supervisor, inSuperviseeGroup, 'patient.read')).toEqual({
      allowed: true,
      basis: 'supervision',
    });
  });

  it('gives case managers and front desk nothing through group leadership', () => {
    const led = facts({ groupLeaderUserIds: ['u-cm'] });
    const caseManager = actor({ userId: 'u-cm', role: 'case_manager', siteIds: [] });
    expect(decidePatientAccess(caseManager, led, 'patient.read').allowed).toBe(false);
    const frontDesk = actor({ userId: 'u-fd', role: 'front_desk', siteIds: ['site-b'] });
    expect(
      decidePatientAccess(frontDesk, facts({ groupLeaderUserIds: ['u-fd'] }), 'patient.read').allowed,
    ).toBe(false);
  });
});

describe('patientListScope', () => {
  it('lists a clinician’s caseload and groups, a supervisor’s with their supervisees’', () => {
    expect(patientListScope(actor({}), '2026-11-24')).toEqual({
      kind: 'caseload',
      userIds: ['u-clinician'],
      includeBreakGlassOf: 'u-clinician',
      today: '2026-11-24',
    });
    const supervisor = actor({ userId: 'u-s', role: 'clinical_supervisor', superviseeIds: ['u-1', 'u-2'] });
    expect(patientListScope(supervisor, '2026-11-24')).toMatchObject({ userIds: ['u-s', 'u-1', 'u-2'] });
  });
});
