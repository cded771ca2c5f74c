import { describe, expect, it } from 'vitest';
import { MAX_REFERRAL_ROWS, normalizeHeader, parseSheetDate, readReferralCsv } from './referrals.js';

const TODAY = '2026-11-24';
const HEADER =
  'First Name,Last Name,DOB,Phone,Referring Organization,Priority Population,Substances,Payer,Member ID,Authorized Units,Coverage Starts On,Coverage Ends On';

describe('referral CSV', () => {
  it('reads a good file with aliases, US dates, lists and coverage', () => {
    const file = readReferralCsv(
      `${HEADER}\n` +
        'Rosa,Delgado,04/12/1991,860-555-0100,Hartford Hospital ED,pregnant,alcohol; opioids,Medicaid CT,M123,30,2026-11-24,12/31/2026\n' +
        'Kevin,Lambert,1988-02-03,(860) 555-0101,Drug Court,,,,,,,\n',
      TODAY,
    );
    expect(file.fileErrors).toEqual([]);
    expect(file.rows).toHaveLength(2);
    expect(file.rows[0]).toMatchObject({
      row: 1,
      line: 2,
      errors: [],
      values: {
        firstName: 'Rosa',
        lastName: 'Delgado',
        dateOfBirth: '1991-04-12',
        priorityPopulation: 'pregnant',
        substances: ['alcohol', 'opioids'],
        preferredLanguage: 'en',
        consentToContact: false,
        coverage: {
          payerName: 'Medicaid CT',
          memberId: 'M123',
          authorizedUnits: 30,
          unitKind: 'days',
          startsOn: '2026-11-24',
          endsOn: '2026-12-31',
        },
      },
    });
    expect(file.rows[1]?.values.coverage).toBeNull();
    expect(file.rows[1]?.errors).toEqual([]);
  });

  it('reports every problem of every row with its column, and keeps what it could read', () => {
    const file = readReferralCsv(
      `${HEADER}\n` +
        ',Nobody,2099-01-01,12,Clinic,,,,,,,\n' +
        'Ana,Ruiz,02/30/1990,860-555-0102,,maybe,glue,,,x,,\n' +
        'Luis,Ortega,1990-01-01,860-555-0103,Clinic,,,,,5,2026-12-01,2026-11-01\n',
      TODAY,
    );
    expect(file.fileErrors).toEqual([]);
    const columns = (row: number) => file.rows[row]?.errors.map((e) => e.column);
    expect(columns(0)).toEqual(['first_name', 'date_of_birth', 'phone']);
    expect(columns(1)).toEqual([
      'date_of_birth',
      'referrer_organization',
      'substances',
      'priority_population',
      'payer_name',
      'authorized_units',
    ]);
    expect(columns(2)).toEqual(['payer_name', 'coverage_ends_on']);
    expect(file.rows[1]?.values).toMatchObject({ firstName: 'Ana', phone: '860-555-0102' });
  });

  it('needs a way to reach the person and who referred them', () => {
    const file = readReferralCsv('first_name,referrer_name\nSam,\n', TODAY);
    expect(file.rows[0]?.errors).toEqual([
      { column: 'phone', message: 'give a phone number or an email address to reach the person' },
      { column: 'referrer_organization', message: 'name who referred the person' },
    ]);
  });

  it('reads yes/no flags and languages, and refuses other words', () => {
    const file = readReferralCsv(
      'first_name,email,referrer_name,voicemail_ok,texts_ok,consent_to_contact,language\n' +
        'Sam,sam@example.com,Dr. Lowe,Yes,n,TRUE,Spanish\n' +
        'Max,max@example.com,Dr. Lowe,perhaps,,,fr\n',
      TODAY,
    );
    expect(file.rows[0]).toMatchObject({
      errors: [],
      values: { voicemailOk: true, textsOk: false, consentToContact: true, preferredLanguage: 'es' },
    });
    expect(file.rows[1]?.errors.map((e) => e.column)).toEqual(['preferred_language', 'voicemail_ok']);
  });

  it('flags a row whose field count differs from the header', () => {
    const file = readReferralCsv('first_name,phone,referrer_name\nSam,860-555-0100,Dr. Lowe,extra\n', TODAY);
    expect(file.rows[0]?.errors).toEqual([{ column: null, message: 'has 4 fields where the header has 3' }]);
  });

  it('refuses the file as a whole for unknown or repeated columns, no rows, or too many', () => {
    expect(readReferralCsv('first_name,ssn\nSam,1\n', TODAY).fileErrors).toEqual(['Unknown column "ssn".']);
    expect(readReferralCsv('first_name,First Name\nSam,Sam\n', TODAY).fileErrors).toEqual([
      'The column first_name appears twice.',
    ]);
    expect(readReferralCsv('last_name\nRuiz\n', TODAY).fileErrors).toEqual([
      'The header has no first_name column.',
    ]);
    expect(readReferralCsv('first_name\n', TODAY).fileErrors).toEqual(['The file has a header but no rows.']);
    expect(readReferralCsv('', TODAY).fileErrors).toHaveLength(1);
    expect(readReferralCsv('first_name\n"open', TODAY).fileErrors).toEqual([
      'Line 2: a quoted field is never closed.',
    ]);
    const big = `first_name\n${'x\n'.repeat(MAX_REFERRAL_ROWS + 1)}`;
    expect(readReferralCsv(big, TODAY).fileErrors[0]).toMatch(/at most 1000/);
  });

  it('normalizes headers and spreadsheet dates', () => {
    expect(normalizeHeader(' Date-of Birth ')).toBe('date_of_birth');
    expect(parseSheetDate('4/2/1991')).toBe('1991-04-02');
    expect(parseSheetDate('1991-04-02')).toBe('1991-04-02');
    expect(parseSheetDate('2/30/1991')).toBeNull();
    expect(parseSheetDate('1991/04/02')).toBeNull();
  });
});
