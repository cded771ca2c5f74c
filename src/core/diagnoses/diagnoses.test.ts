import { describe, expect, it } from 'vitest';
import type { CredentialScope } from '../access/actor.js';
import { continuingCareSpecifier } from './continuingCare.js';
import { mayDiagnose } from './credentials.js';
import { checkCode, suggestCodes } from './icd10.js';
import { severityFromCriteria } from './severity.js';
import { checkSpecifiers, SPECIFIERS, type Specifier } from './specifiers.js';
import { SUBSTANCE_CATEGORY, SUBSTANCES, type Substance, substanceOfCode } from './substances.js';
import { checkDiagnosis, statusChangeRefusal } from './validate.js';

const fieldsOf = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('DSM-5 severity from the criteria count', () => {
  it('maps every count from 0 to 11: fewer than 2 is no use disorder, 2–3 mild, 4–5 moderate, 6+ severe', () => {
    expect(Array.from({ length: 12 }, (_, n) => severityFromCriteria(n))).toEqual([
      null,
      null,
      'mild',
      'mild',
      'moderate',
      'moderate',
      'severe',
      'severe',
      'severe',
      'severe',
      'severe',
      'severe',
    ]);
  });

  it('has no severity for counts outside 0–11 or fractions', () => {
    for (const n of [-1, 12, 2.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(severityFromCriteria(n)).toBeNull();
  });
});

describe('substances and their ICD-10-CM categories', () => {
  it('covers F10 to F19, one category per substance', () => {
    expect(SUBSTANCES.map((s) => SUBSTANCE_CATEGORY[s])).toEqual(
      Array.from({ length: 10 }, (_, i) => `F1${i}`),
    );
    expect(SUBSTANCE_CATEGORY.opioid).toBe('F11');
    expect(SUBSTANCE_CATEGORY.nicotine).toBe('F17');
    expect(SUBSTANCE_CATEGORY.other_unknown).toBe('F19');
  });

  it('finds the substance of a code', () => {
    expect(substanceOfCode('F11.20')).toBe('opioid');
    expect(substanceOfCode('f13.10')).toBe('sedative_hypnotic_anxiolytic');
    expect(substanceOfCode('F20.9')).toBeNull();
    expect(substanceOfCode('F1')).toBeNull();
  });
});

describe('ICD-10-CM code checks', () => {
  const ok = (
    substance: Substance,
    code: string,
    severity: 'mild' | 'moderate' | 'severe',
    specifiers: string[] = [],
  ) =>
    expect(checkCode(substance, code, severity, specifiers), `${substance} ${code} ${severity}`).toEqual([]);
  const bad = (
    substance: Substance,
    code: string,
    severity: 'mild' | 'moderate' | 'severe',
    specifiers: string[] = [],
    message?: RegExp,
  ) => {
    const errors = checkCode(substance, code, severity, specifiers);
    expect(fieldsOf(errors), `${substance} ${code} ${severity}`).toEqual(['/icd10Code']);
    if (message) expect(errors[0]?.message).toMatch(message);
  };

  it('accepts the uncomplicated and remission codes of every substance but tobacco', () => {
    for (const s of SUBSTANCES.filter((x) => x !== 'nicotine')) {
      const cat = SUBSTANCE_CATEGORY[s];
      ok(s, `${cat}.10`, 'mild');
      ok(s, `${cat}.20`, 'moderate');
      ok(s, `${cat}.20`, 'severe');
      ok(s, `${cat}.11`, 'mild', ['in_early_remission']);
      ok(s, `${cat}.21`, 'severe', ['in_sustained_remission', 'in_controlled_environment']);
      ok(s, `${cat.toLowerCase()}.20 `, 'moderate');
    }
  });

  it('accepts codes of substance-induced disorders with or without a sixth character', () => {
    ok('alcohol', 'F10.239', 'severe');
    ok('alcohol', 'F10.24', 'moderate');
    ok('opioid', 'F11.120', 'mild');
    ok('other_stimulant', 'F15.280', 'severe');
  });

  it('refuses malformed codes and codes outside F10–F19', () => {
    for (const code of ['F10', 'F10.2', 'F1020', 'F10.2000', 'F20.20', 'Z72.0', 'F10.2a', '10.20', ''])
      bad('alcohol', code, 'moderate', [], /form F1x\.xx/);
  });

  it("refuses another substance's category, naming it", () => {
    bad('alcohol', 'F11.20', 'moderate', [], /F11.*opioid use disorder.*coded F10\.xx/);
  });

  it('refuses "use, unspecified" and structures that are not use disorders', () => {
    bad('alcohol', 'F10.90', 'moderate', [], /without a use disorder/);
    bad('alcohol', 'F10.30', 'moderate', [], /not a use-disorder code/);
  });

  it('holds the code to the severity: F1x.1 mild, F1x.2 moderate or severe', () => {
    bad('alcohol', 'F10.20', 'mild', [], /mild one is coded F10\.1x/);
    bad('cannabis', 'F12.10', 'moderate', [], /moderate one is coded F12\.2x/);
    bad('cocaine', 'F14.10', 'severe');
  });

  it('holds the code to remission: a remission specifier needs x1, and x1 needs one', () => {
    bad('alcohol', 'F10.20', 'moderate', ['in_early_remission'], /in remission is coded F10\.21/);
    bad('alcohol', 'F10.21', 'moderate', [], /means in remission/);
    bad('alcohol', 'F10.21', 'moderate', ['in_controlled_environment'], /means in remission/);
    bad('alcohol', 'F10.239', 'moderate', ['in_sustained_remission']);
    bad('alcohol', 'F10.201', 'moderate', [], /no sixth character/);
    bad('alcohol', 'F10.111', 'mild', ['in_early_remission'], /no sixth character/);
  });

  it('codes tobacco as F17.2 plus product and course, never mild', () => {
    ok('nicotine', 'F17.210', 'moderate');
    ok('nicotine', 'F17.200', 'severe');
    ok('nicotine', 'F17.290', 'severe', ['on_maintenance_therapy']);
    ok('nicotine', 'F17.211', 'moderate', ['in_early_remission']);
    ok('nicotine', 'F17.223', 'severe');
    bad('nicotine', 'F17.210', 'mild', [], /Z72\.0/);
    bad('nicotine', 'F17.10', 'moderate', [], /no nicotine abuse code/);
    bad('nicotine', 'F17.20', 'moderate', [], /product/);
    bad('nicotine', 'F17.250', 'moderate', [], /product/);
    bad('nicotine', 'F17.214', 'moderate', [], /course/);
    bad('nicotine', 'F17.210', 'moderate', ['in_sustained_remission'], /F17\.211/);
    bad('nicotine', 'F17.211', 'moderate', [], /means in remission/);
  });

  it('suggests codes that pass the check, for every substance, severity and course', () => {
    const courses: Specifier[][] = [
      [],
      ['in_early_remission'],
      ['in_sustained_remission', 'in_controlled_environment'],
    ];
    for (const s of SUBSTANCES)
      for (const severity of ['mild', 'moderate', 'severe'] as const)
        for (const specifiers of courses) {
          const suggestions = suggestCodes(s, severity, specifiers);
          if (s === 'nicotine' && severity === 'mild') expect(suggestions).toEqual([]);
          else expect(suggestions.length).toBeGreaterThan(0);
          for (const { code } of suggestions)
            expect(checkCode(s, code, severity, specifiers), code).toEqual([]);
        }
  });

  it('suggests both severities while the count is not known yet', () => {
    expect(suggestCodes('opioid', null, []).map((c) => c.code)).toEqual(['F11.10', 'F11.20']);
    expect(suggestCodes('opioid', 'severe', ['in_early_remission'])).toEqual([
      { code: 'F11.21', label: 'Opioid use disorder, severe, in remission' },
    ]);
  });
});

describe('specifiers', () => {
  it('refuses early and sustained remission together, duplicates, and maintenance outside opioids and tobacco', () => {
    expect(checkSpecifiers('alcohol', ['in_early_remission', 'in_sustained_remission'])).toHaveLength(1);
    expect(checkSpecifiers('alcohol', ['in_early_remission', 'in_early_remission'])).toHaveLength(1);
    expect(checkSpecifiers('alcohol', ['on_maintenance_therapy'])[0]?.message).toMatch(/opioid and tobacco/);
    expect(checkSpecifiers('opioid', ['in_early_remission', 'on_maintenance_therapy'])).toEqual([]);
    expect(checkSpecifiers('nicotine', ['on_maintenance_therapy'])).toEqual([]);
    expect(checkSpecifiers('cannabis', ['in_controlled_environment'])).toEqual([]);
  });

  it('knows the four DSM-5 specifiers', () => {
    expect(SPECIFIERS).toEqual([
      'in_early_remission',
      'in_sustained_remission',
      'in_controlled_environment',
      'on_maintenance_therapy',
    ]);
  });
});

describe('a whole diagnosis', () => {
  const base = {
    substance: 'alcohol' as const,
    icd10Code: 'f10.20',
    dsm5Criteria: 5,
    specifiers: [] as Specifier[],
    diagnosedOn: '2026-11-20',
  };

  it('computes severity and normalizes the code', () => {
    expect(checkDiagnosis(base, '2026-11-24')).toEqual({ ok: true, code: 'F10.20', severity: 'moderate' });
  });

  it('refuses fewer than 2 criteria as no use disorder', () => {
    const result = checkDiagnosis({ ...base, dsm5Criteria: 1 }, '2026-11-24');
    expect(result).toEqual({
      ok: false,
      fields: [{ field: '/dsm5Criteria', message: expect.stringContaining('not a use disorder') }],
    });
  });

  it('names every failing field: code, specifiers, date', () => {
    const result = checkDiagnosis(
      {
        ...base,
        icd10Code: 'F10.10',
        specifiers: ['on_maintenance_therapy'],
        diagnosedOn: '2026-11-25',
      },
      '2026-11-24',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(fieldsOf(result.fields)).toEqual(['/specifiers', '/icd10Code', '/diagnosedOn']);
    const unreal = checkDiagnosis({ ...base, diagnosedOn: '2026-02-30' }, '2026-11-24');
    expect(unreal.ok ? [] : fieldsOf(unreal.fields)).toEqual(['/diagnosedOn']);
  });

  it('allows every status change but out of "entered in error" and to the same status', () => {
    expect(statusChangeRefusal('active', 'resolved')).toBeNull();
    expect(statusChangeRefusal('active', 'entered_in_error')).toBeNull();
    expect(statusChangeRefusal('resolved', 'active')).toBeNull();
    expect(statusChangeRefusal('resolved', 'entered_in_error')).toBeNull();
    expect(statusChangeRefusal('entered_in_error', 'active')).toMatch(/stays so/);
    expect(statusChangeRefusal('active', 'active')).toMatch(/already active/);
  });
});

describe('who may diagnose', () => {
  const scope = (overrides: Partial<CredentialScope>): CredentialScope => ({
    licenceExpiresOn: '2027-06-30',
    mayDiagnose: true,
    maySignPlacements: false,
    needsCosignature: false,
    supervisorId: null,
    ...overrides,
  });

  it('allows credentials that allow diagnosis with a licence valid through today', () => {
    expect(mayDiagnose(scope({}), '2026-11-24')).toEqual({ allowed: true });
    expect(mayDiagnose(scope({ licenceExpiresOn: '2026-11-24' }), '2026-11-24')).toEqual({ allowed: true });
  });

  it('refuses staff without credentials or without the scope flag as FORBIDDEN', () => {
    expect(mayDiagnose(null, '2026-11-24')).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(mayDiagnose(scope({ mayDiagnose: false }), '2026-11-24')).toMatchObject({
      allowed: false,
      code: 'FORBIDDEN',
    });
    expect(mayDiagnose(scope({ licenceExpiresOn: null }), '2026-11-24')).toMatchObject({
      allowed: false,
      code: 'FORBIDDEN',
    });
  });

  it('refuses an expired licence as CREDENTIAL_EXPIRED, from the day after expiry', () => {
    expect(mayDiagnose(scope({ licenceExpiresOn: '2026-11-23' }), '2026-11-24')).toMatchObject({
      allowed: false,
      code: 'CREDENTIAL_EXPIRED',
      reason: expect.stringContaining('2026-11-23'),
    });
  });
});

describe('continuing-care specifiers', () => {
  it('looks at active diagnoses in early remission or a controlled environment only', () => {
    expect(continuingCareSpecifier([])).toBe(false);
    expect(continuingCareSpecifier([{ status: 'active', specifiers: ['in_early_remission'] }])).toBe(true);
    expect(continuingCareSpecifier([{ status: 'active', specifiers: ['in_controlled_environment'] }])).toBe(
      true,
    );
    expect(continuingCareSpecifier([{ status: 'active', specifiers: ['in_sustained_remission'] }])).toBe(
      false,
    );
    expect(continuingCareSpecifier([{ status: 'resolved', specifiers: ['in_early_remission'] }])).toBe(false);
    expect(
      continuingCareSpecifier([
        { status: 'entered_in_error', specifiers: ['in_controlled_environment'] },
        { status: 'active', specifiers: ['on_maintenance_therapy'] },
      ]),
    ).toBe(false);
  });
});
