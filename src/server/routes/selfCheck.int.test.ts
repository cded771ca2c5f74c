import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfCheckAnswers } from '../../core/placement/selfCheck.js';
import { TEST_DIALECTS } from '../../db/testing/testDatabases.js';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import type { AppDeps } from '../deps.js';
import { type JsonResponse, startTestServer, type TestServer } from '../testing/testServer.js';

interface Problem {
  code: string;
  status: number;
  detail: string;
  fields?: { field: string; message: string }[];
}
interface Text {
  key: string;
  text: string;
}
interface Evaluation {
  lang: string;
  outcome: 'crisis' | 'placement';
  likelyLevel: string | null;
  levelLabel: string | null;
  headline: Text;
  reasons: Text[];
  notes: Text[];
  crisis: { heading: string; text: string; lines: { kind: string; number: string; href: string }[] };
}
interface Questions {
  lang: string;
  title: string;
  questions: { id: string; multiple: boolean; text: string; options: { id: string; text: string }[] }[];
  crisis: Evaluation['crisis'];
}

const QUESTIONS = '/api/v1/self-check/questions';
const EVALUATE = '/api/v1/self-check/evaluate';
const CALLBACK = '/api/v1/self-check/callback';

/** Daily drinking with mild withdrawal, a worker with insurance: likely IOP, on the evening track. */
const DAILY_DRINKER: SelfCheckAnswers = {
  safety_now: 'no',
  main_substance: 'alcohol',
  use_frequency: 'daily',
  past_year_problems: ['more_than_meant', 'cant_cut_down', 'cravings', 'need_more', 'withdrawal'],
  withdrawal: 'mild',
  health: 'none',
  pregnant: 'no',
  mood: 'okay',
  home: 'safe',
  support: 'yes',
  past_treatment: 'never',
  readiness: 'ready',
  responsibilities: ['work'],
  schedule: 'either',
  coverage: 'insurance',
};

const CALLBACK_BODY = {
  name: 'Avery',
  phone: '555-010-0142',
  contactWindow: 'Weekday evenings after 6',
  voicemailOk: true,
  textsOk: false,
  nameClinicOk: false,
  lang: 'es',
  consent: true,
};

/** A second app on the test server's database, with its own settings, logger output and database access. */
const startApp = async (
  server: TestServer,
  options: {
    config?: Partial<Config>;
    logStream?: { write(line: string): void };
    plugins?: KyselyPlugin[];
  } = {},
) => {
  const kysely = (options.plugins ?? []).reduce((k, plugin) => k.withPlugin(plugin), server.db.kysely);
  const deps: AppDeps = {
    ...server.deps,
    db: { ...server.db, kysely },
    config: Object.freeze({ ...server.deps.config, ...options.config }),
  };
  const app = await buildApp(deps, options.logStream ? { logStream: options.logStream } : { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const send = async <T>(method: string, path: string, body?: unknown): Promise<JsonResponse<T>> => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : {},
      // A string is sent as it is, to send malformed JSON.
      body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as T,
      headers: response.headers,
    };
  };
  return { send, close: () => app.close() };
};

/** Records every statement sent to the database. */
const statementRecorder = (): { plugin: KyselyPlugin; statements: string[] } => {
  const statements: string[] = [];
  return {
    statements,
    plugin: {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    },
  };
};

describe.each(TEST_DIALECTS)('the public self-check over HTTP on %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  const count = async (table: 'audit_events' | 'inquiries'): Promise<number> => {
    const row = await server.db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const evaluate = (body: unknown) => server.request<Evaluation & Problem>('POST', EVALUATE, { body });

  describe('GET /api/v1/self-check/questions', () => {
    it('lists the questions in English by default, safety first, with the crisis lines', async () => {
      const response = await server.request<Questions>('GET', QUESTIONS);
      expect(response.status).toBe(200);
      expect(response.body.lang).toBe('en');
      expect(response.body.title).toBe('Is IOP right for me?');
      expect(response.body.questions).toHaveLength(15);
      expect(response.body.questions[0]).toMatchObject({
        id: 'safety_now',
        multiple: false,
        options: [
          { id: 'no', text: 'No' },
          { id: 'yes', text: 'Yes, or I am not sure' },
        ],
      });
      expect(response.body.crisis.lines.map((l) => l.href)).toEqual(['tel:988', 'sms:988', 'tel:911']);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('speaks Spanish when asked, and refuses other languages naming the parameter', async () => {
      const spanish = await server.request<Questions>('GET', `${QUESTIONS}?lang=es`);
      expect(spanish.status).toBe(200);
      expect(spanish.body.title).toContain('¿Es un programa intensivo ambulatorio');
      expect(spanish.body.questions.find((q) => q.id === 'coverage')?.text).toBe(
        '¿Cómo pagaría la atención?',
      );
      expect(spanish.body.crisis.text).toContain('988');
      const french = await server.request<Problem>('GET', `${QUESTIONS}?lang=fr`);
      expect(french.status).toBe(400);
      expect(french.body.fields?.map((f) => f.field)).toEqual(['/lang']);
    });

    it('needs no sign-in', async () => {
      const staff = await server.signIn('clinician');
      expect((await staff.get(QUESTIONS)).status).toBe(200);
      expect((await server.request('GET', QUESTIONS)).status).toBe(200);
    });
  });

  describe('POST /api/v1/self-check/evaluate', () => {
    it('answers "in danger now" with crisis help and nothing else, whatever else was sent', async () => {
      for (const answers of [
        { safety_now: 'yes' },
        { ...DAILY_DRINKER, safety_now: 'yes', mood: 'purple' },
      ]) {
        const response = await evaluate({ answers, lang: 'en' });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({
          outcome: 'crisis',
          likelyLevel: null,
          levelLabel: null,
          headline: { key: 'selfCheck.crisis.text' },
          reasons: [{ key: 'selfCheck.reason.crisis' }],
        });
        expect(response.body.headline.text).toContain('988');
        expect(response.body.crisis.lines.map((l) => l.href)).toEqual(['tel:988', 'sms:988', 'tel:911']);
      }
    });

    it('explains a likely level and why, in the language asked for', async () => {
      const english = await evaluate({ answers: DAILY_DRINKER, lang: 'en' });
      expect(english.status).toBe(200);
      expect(english.body).toMatchObject({
        lang: 'en',
        outcome: 'placement',
        likelyLevel: 'IOP',
        levelLabel: 'Intensive outpatient program (IOP)',
        headline: { key: 'selfCheck.likely.IOP' },
      });
      expect(english.body.reasons.map((r) => r.key)).toEqual([
        'selfCheck.reason.problems_many',
        'selfCheck.reason.daily_alcohol_or_sedatives',
        'selfCheck.reason.use_often',
        'selfCheck.reason.evening_track',
        'selfCheck.reason.check_coverage',
      ]);
      expect(english.body.notes.map((n) => n.text)).toEqual([
        'If you are in crisis, call or text 988, or call 911.',
        'This check is a starting point. Talk with a professional to find the care that fits you best.',
        'This is not a diagnosis.',
      ]);

      const spanish = await evaluate({ answers: DAILY_DRINKER, lang: 'es' });
      expect(spanish.body.levelLabel).toBe('Programa intensivo ambulatorio (IOP)');
      expect(spanish.body.headline.text).toMatch(/^Según sus respuestas/);
      expect(spanish.body.notes.map((n) => n.text)).toContain('Esto no es un diagnóstico.');
      expect(spanish.body.reasons.map((r) => r.key)).toEqual(english.body.reasons.map((r) => r.key));
    });

    it('defaults to English and accepts no answers at all', async () => {
      const response = await evaluate({ answers: {} });
      expect(response.status).toBe(200);
      expect(response.body.lang).toBe('en');
      expect(response.body.reasons.map((r) => r.key)).toContain('selfCheck.reason.problems_skipped');
    });

    it('refuses unknown questions and options with a 400 naming each field', async () => {
      const response = await evaluate({
        answers: { safety_now: 'no', mood: 'great', shoe_size: '9', responsibilities: ['work', 'golf'] },
        lang: 'en',
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.fields?.map((f) => f.field).sort()).toEqual([
        '/answers/mood',
        '/answers/responsibilities',
        '/answers/shoe_size',
      ]);
      const missing = await evaluate({ lang: 'en' });
      expect(missing.status).toBe(400);
      expect(missing.body.fields?.map((f) => f.field)).toEqual(['/answers']);
    });

    it('writes nothing: no audit row, no inquiry, no database statement at all', async () => {
      const [audits, inquiries] = [await count('audit_events'), await count('inquiries')];
      for (const answers of [DAILY_DRINKER, { safety_now: 'yes' }, { mood: 'great' }])
        await evaluate({ answers });
      expect([await count('audit_events'), await count('inquiries')]).toEqual([audits, inquiries]);

      const recorder = statementRecorder();
      const spied = await startApp(server, { plugins: [recorder.plugin] });
      try {
        expect((await spied.send('GET', '/api/health')).status).toBe(200);
        expect(recorder.statements.length).toBeGreaterThan(0);
        recorder.statements.length = 0;
        expect((await spied.send('GET', QUESTIONS)).status).toBe(200);
        expect((await spied.send('POST', EVALUATE, { answers: DAILY_DRINKER })).status).toBe(200);
        expect((await spied.send('POST', EVALUATE, { answers: { safety_now: 'yes' } })).status).toBe(200);
        expect((await spied.send('POST', EVALUATE, { answers: { mood: 'great' } })).status).toBe(400);
        expect(recorder.statements).toEqual([]);
      } finally {
        await spied.close();
      }
    });

    it('logs nothing about the self-check, even at trace level, while other requests are logged', async () => {
      const lines: string[] = [];
      const logged = await startApp(server, {
        config: { logLevel: 'trace' },
        logStream: { write: (line) => void lines.push(line) },
      });
      try {
        await logged.send('GET', '/api/health');
        expect(lines.join('\n')).toContain('incoming request');
        lines.length = 0;
        const distinctive: SelfCheckAnswers = {
          ...DAILY_DRINKER,
          withdrawal: 'seizure_or_dts',
          mood: 'thoughts_of_death',
          pregnant: 'yes',
        };
        expect((await logged.send('POST', EVALUATE, { answers: distinctive, lang: 'es' })).status).toBe(200);
        expect(
          (await logged.send('POST', EVALUATE, { answers: { mood: 'unlisted-mood-7f3a' } })).status,
        ).toBe(400);
        expect((await logged.send('POST', EVALUATE, '{"answers": {"mood": unquoted-7f3a')).status).toBe(400);
        expect((await logged.send('GET', `${QUESTIONS}?lang=es`)).status).toBe(200);
        expect(
          (await logged.send('POST', CALLBACK, { ...CALLBACK_BODY, name: 'Quillon', phone: '555-010-7788' }))
            .status,
        ).toBe(201);
        expect((await logged.send('POST', CALLBACK, { ...CALLBACK_BODY, consent: false })).status).toBe(400);
        const output = lines.join('\n');
        for (const secret of [
          'seizure_or_dts',
          'thoughts_of_death',
          'unlisted-mood-7f3a',
          'unquoted-7f3a',
          'Quillon',
          '555-010-7788',
          'self-check',
        ])
          expect(output).not.toContain(secret);
        expect(lines).toEqual([]);
      } finally {
        await logged.close();
      }
    });
  });

  describe('POST /api/v1/self-check/callback', () => {
    it('refuses a request without consent, naming the field, and stores nothing', async () => {
      const inquiries = await count('inquiries');
      const { consent: _omitted, ...withoutConsent } = CALLBACK_BODY;
      for (const body of [withoutConsent, { ...CALLBACK_BODY, consent: false }]) {
        const response = await server.request<Problem>('POST', CALLBACK, { body });
        expect(response.status).toBe(400);
        expect(response.body.fields?.map((f) => f.field)).toContain('/consent');
      }
      const noPhone = await server.request<Problem>('POST', CALLBACK, {
        body: { ...CALLBACK_BODY, phone: 'call me' },
      });
      expect(noPhone.body.fields?.map((f) => f.field)).toEqual(['/phone']);
      const blankPhone = await server.request<Problem>('POST', CALLBACK, {
        body: { ...CALLBACK_BODY, phone: '        ' },
      });
      expect(blankPhone.status).toBe(400);
      expect(blankPhone.body.fields?.map((f) => f.field)).toEqual(['/phone']);
      const answers = await server.request<Problem>('POST', CALLBACK, {
        body: { ...CALLBACK_BODY, answers: DAILY_DRINKER },
      });
      expect(answers.status).toBe(400);
      expect(answers.body.fields?.map((f) => f.field)).toEqual(['/answers']);
      expect(await count('inquiries')).toBe(inquiries);
    });

    it('with consent, becomes a new self-check inquiry holding only the call-back fields, audited without an actor', async () => {
      const response = await server.request<{ status: string; message: string }>('POST', CALLBACK, {
        body: CALLBACK_BODY,
      });
      expect(response.status).toBe(201);
      expect(response.body.status).toBe('received');
      expect(response.body.message).toMatch(/^Recibimos su solicitud/);
      expect(JSON.stringify(response.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);

      const row = await server.db.kysely
        .selectFrom('inquiries')
        .selectAll()
        .where('phone', '=', CALLBACK_BODY.phone)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        source: 'self_check',
        stage: 'new',
        first_name: 'Avery',
        last_name: null,
        phone: '555-010-0142',
        email: null,
        preferred_language: 'es',
        contact_window: 'Weekday evenings after 6',
        voicemail_ok: 1,
        texts_ok: 0,
        name_clinic_ok: 0,
        consent_to_contact: 1,
        referrer_name: null,
        referrer_organization: null,
        presenting_concern: null,
        priority_population: null,
        priority_deadline: null,
        preferred_schedule: null,
        wanted_track_id: null,
        assigned_user_id: null,
        patient_id: null,
        notes: null,
        created_by: null,
      });
      expect(JSON.parse(String(row.substances))).toEqual([]);

      const audit = await server.db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('record_id', '=', row.id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'inquiry.create',
        actor_user_id: null,
        actor_role: null,
        ip: null,
        record_type: 'inquiry',
      });
      expect(JSON.parse(String(audit[0]?.detail))).toEqual({ source: 'self_check', siteId: row.site_id });
    });
  });

  describe('rate limits', () => {
    it('answers 429 RATE_LIMITED with Retry-After past the limit, counting evaluations and call-backs apart', async () => {
      const limited = await startApp(server, {
        config: { selfCheckRatePer10Minutes: 3, selfCheckCallbacksPer10Minutes: 2 },
      });
      try {
        expect((await limited.send('GET', QUESTIONS)).status).toBe(200);
        expect((await limited.send('POST', EVALUATE, { answers: {} })).status).toBe(200);
        expect((await limited.send('POST', EVALUATE, { answers: { mood: 'x' } })).status).toBe(400);
        const refused = await limited.send<Problem>('POST', EVALUATE, { answers: DAILY_DRINKER });
        expect(refused.status).toBe(429);
        expect(refused.body.code).toBe('RATE_LIMITED');
        expect(refused.headers.get('content-type')).toContain('application/problem+json');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(600);
        expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
        expect((await limited.send('GET', QUESTIONS)).status).toBe(429);

        const inquiries = await count('inquiries');
        for (const phone of ['555-010-3001', '555-010-3002'])
          expect((await limited.send('POST', CALLBACK, { ...CALLBACK_BODY, phone })).status).toBe(201);
        const third = await limited.send<Problem>('POST', CALLBACK, {
          ...CALLBACK_BODY,
          phone: '555-010-3003',
        });
        expect(third.status).toBe(429);
        expect(third.headers.get('retry-after')).not.toBeNull();
        expect(await count('inquiries')).toBe(inquiries + 2);

        // Sign-in is limited on its own.
        expect((await limited.send('GET', '/api/health')).status).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('lets requests through again once the window has passed', async () => {
      const limited = await startApp(server, { config: { selfCheckRatePer10Minutes: 1 } });
      const start = server.clock.now();
      try {
        expect((await limited.send('GET', QUESTIONS)).status).toBe(200);
        expect((await limited.send('GET', QUESTIONS)).status).toBe(429);
        server.clock.set(new Date(start.getTime() + 10 * 60_000));
        expect((await limited.send('GET', QUESTIONS)).status).toBe(200);
      } finally {
        server.clock.set(start);
        await limited.close();
      }
    });
  });
});
