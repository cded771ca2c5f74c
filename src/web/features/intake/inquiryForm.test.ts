import { describe, expect, it } from 'vitest';
import {
  checkCoverageForm,
  checkInquiryForm,
  emptyCoverageForm,
  emptyInquiryForm,
  toCreateCoverageBody,
  toCreateInquiryBody,
  toUpdateInquiryBody,
} from './inquiryForm.js';

const TODAY = '2026-11-24';

describe('the inquiry form', () => {
  it('turns typed values into a create body: trimmed text, blanks as null, nothing assumed', () => {
    const body = toCreateInquiryBody(
      {
        ...emptyInquiryForm(),
        firstName: ' Rosa ',
        phone: '860-555-0100',
        substances: ['alcohol'],
        priorityPopulation: 'pregnant',
      },
      'site-1',
    );
    expect(body).toMatchObject({
      siteId: 'site-1',
      source: 'phone',
      firstName: 'Rosa',
      lastName: null,
      dateOfBirth: null,
      phone: '860-555-0100',
      substances: ['alcohol'],
      priorityPopulation: 'pregnant',
      contactPreferences: { voicemailOk: false, textsOk: false, nameClinicOk: false },
      consentToContact: false,
    });
    expect(toUpdateInquiryBody({ ...emptyInquiryForm(), firstName: 'Rosa' }, 3)).toMatchObject({
      version: 3,
      firstName: 'Rosa',
    });
  });

  it('asks for a name, a way to call back, real dates and, for referrals, the referrer', () => {
    expect(checkInquiryForm(emptyInquiryForm(), TODAY)).toEqual({
      firstName: 'Enter at least a first name.',
      phone: 'Give a phone number or an email address so someone can call back.',
    });
    expect(
      Object.keys(
        checkInquiryForm(
          {
            ...emptyInquiryForm(),
            source: 'referral',
            firstName: 'A',
            email: 'nope',
            dateOfBirth: '2030-01-01',
          },
          TODAY,
        ),
      ),
    ).toEqual(['dateOfBirth', 'email', 'referrerOrganization']);
    expect(checkInquiryForm({ ...emptyInquiryForm(), firstName: 'A', phone: '860-555-0100' }, TODAY)).toEqual(
      {},
    );
  });
});

describe('the coverage form', () => {
  it('checks the payer, whole units and the date order', () => {
    expect(
      checkCoverageForm({
        ...emptyCoverageForm(),
        authorizedUnits: '2.5',
        startsOn: '2026-12-01',
        endsOn: '2026-11-01',
      }),
    ).toEqual({
      payerName: 'Name the payer.',
      authorizedUnits: 'Enter a whole number from 0 to 10000.',
      endsOn: 'The end date cannot be before the start date.',
    });
    expect(
      toCreateCoverageBody({ ...emptyCoverageForm(), payerName: ' Medicaid ', authorizedUnits: '30' }),
    ).toMatchObject({
      payerName: 'Medicaid',
      authorizedUnits: 30,
      memberId: null,
      unitKind: 'days',
    });
  });
});
