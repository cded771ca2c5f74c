import type { RouteSpec } from '../routeTable.js';

/**
 * Authorization specs of the public self-check routes (see ROUTE_TABLE): anyone may call them,
 * signed in or not. The call-back request creates an inquiry; the others store nothing.
 */
export const SELF_CHECK_ROUTE_SPECS: Readonly<Record<string, RouteSpec>> = {
  'GET /api/v1/self-check/questions': {
    rule: { kind: 'public' },
    success: { status: 200 },
    build: () => ({ params: {}, query: { lang: 'es' } }),
  },
  'POST /api/v1/self-check/evaluate': {
    rule: { kind: 'public' },
    success: { status: 200 },
    build: () => ({
      params: {},
      body: {
        answers: {
          safety_now: 'no',
          main_substance: 'alcohol',
          use_frequency: 'daily',
          past_year_problems: ['more_than_meant', 'cant_cut_down', 'cravings', 'need_more'],
          withdrawal: 'mild',
          responsibilities: ['work'],
          coverage: 'insurance',
        },
        lang: 'en',
      },
    }),
  },
  'POST /api/v1/self-check/callback': {
    rule: { kind: 'public' },
    success: { status: 201 },
    build: () => ({
      params: {},
      body: {
        name: 'Sam',
        phone: '555-010-0199',
        contactWindow: 'Weekday evenings',
        voicemailOk: true,
        textsOk: false,
        nameClinicOk: false,
        lang: 'en',
        consent: true,
      },
    }),
  },
};
