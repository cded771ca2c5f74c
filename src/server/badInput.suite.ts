import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../core/access/roles.js';
import type { Db, Dialect } from '../db/createDb.js';
import {
  type ApiRoute,
  collectApiRoutesOffline,
  expectationFor,
  type Hints,
  hintsFor,
  type JsonSchema,
  minimalValid,
  paramNames,
  prepareCase,
  relationsFor,
  type RequestParts,
  RouteFixtures,
  specFor,
} from './testing/routeTable.js';
import { startTestServer, type TestClient, type TestServer } from './testing/testServer.js';

/**
 * SPEC §15: every input is validated against a schema. Whatever a client sends — wrong types, huge or
 * odd strings, impossible dates, extra or missing fields, broken JSON, the wrong content type — the
 * answer is a 4xx problem document (never a 5xx), and a refused request changes nothing in the database.
 */

const ROUTES = await collectApiRoutesOffline();
const FUZZED = ROUTES.filter((r) => r.body || r.params || r.querystring);
const WITH_BODY = ROUTES.filter((r) => r.body);
/** Runs per route; the file stays well under a minute and a half per dialect. */
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 30);
const RAW_RUNS = Math.max(8, Math.round(RUNS / 2));

// ---------------------------------------------------------------------------------------------
// Database snapshots: per table, how many rows were ever inserted, updated and deleted
// ---------------------------------------------------------------------------------------------

/** Tables a refused request may legitimately write to: the audit trail of the refusal, and session touches. */
const UNTRACKED = new Set(['audit_events', 'audit_patient_index', 'audit_checkpoints', 'auth_sessions']);
/** The test database's own bookkeeping: row triggers count every write to every tracked table here. */
const WRITE_COUNTS = 'zz_test_write_counts';
const OPERATIONS = ['insert', 'update', 'delete'] as const;

type Snapshot = Map<string, Record<(typeof OPERATIONS)[number], number>>;

const tableNames = async (db: Db): Promise<string[]> => {
  if (db.dialect === 'sqlite') {
    // Ordinary tables only: not full-text indexes (virtual) nor their shadow tables, which take no triggers.
    const result = await sql<{ name: string }>`select name from pragma_table_list
      where schema = 'main' and type = 'table' and name not like 'sqlite_%' order by name`.execute(db.kysely);
    return result.rows.map((r) => r.name);
  }
  const result = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
    db.kysely,
  );
  return result.rows.map((r) => r.name);
};

/**
 * Installs row triggers that count every insert, update and delete on every table a refused request
 * must not touch, and returns a function reading the counts. Reading a few dozen counters after each
 * probe, instead of hashing every row of every table, keeps thousands of probes affordable; and a
 * write that a transaction rolls back rolls its count back with it, so only committed writes show.
 */
const snapshotter = async (db: Db): Promise<() => Promise<Snapshot>> => {
  const tables = (await tableNames(db)).filter((t) => !UNTRACKED.has(t) && t !== WRITE_COUNTS);
  await sql`create table ${sql.table(WRITE_COUNTS)} (name text not null, operation text not null,
    n integer not null, primary key (name, operation))`.execute(db.kysely);
  for (const table of tables)
    for (const operation of OPERATIONS)
      await sql`insert into ${sql.table(WRITE_COUNTS)} (name, operation, n) values (${table}, ${operation}, 0)`.execute(
        db.kysely,
      );
  if (db.dialect === 'postgres') {
    await sql`create function zz_test_count_write() returns trigger language plpgsql as $$
      begin
        update zz_test_write_counts set n = n + 1 where name = tg_table_name and operation = lower(tg_op);
        return null;
      end $$`.execute(db.kysely);
    for (const table of tables)
      await sql`create trigger zz_test_count_write after insert or update or delete on ${sql.table(table)}
        for each row execute function zz_test_count_write()`.execute(db.kysely);
  } else {
    for (const table of tables)
      for (const operation of OPERATIONS)
        await sql`create trigger ${sql.id(`zz_test_${operation}_${table}`)} after ${sql.raw(operation)}
          on ${sql.table(table)} begin
          update zz_test_write_counts set n = n + 1 where name = ${sql.lit(table)} and operation = ${sql.lit(operation)};
          end`.execute(db.kysely);
  }
  return async () => {
    const result = await sql<{ name: string; operation: (typeof OPERATIONS)[number]; n: number | string }>`
      select name, operation, n from ${sql.table(WRITE_COUNTS)}`.execute(db.kysely);
    const snapshot: Snapshot = new Map();
    for (const row of result.rows) {
      const counts = snapshot.get(row.name) ?? { insert: 0, update: 0, delete: 0 };
      counts[row.operation] = Number(row.n);
      snapshot.set(row.name, counts);
    }
    return snapshot;
  };
};

const differences = (before: Snapshot, after: Snapshot): string[] =>
  [...after].flatMap(([table, counts]) => {
    const previous = before.get(table) ?? { insert: 0, update: 0, delete: 0 };
    const changes = OPERATIONS.filter((op) => counts[op] !== previous[op]).map(
      (op) => `${counts[op] - previous[op]} ${op}(s)`,
    );
    return changes.length > 0 ? [`${table}: ${changes.join(', ')}`] : [];
  });

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const ODD_STRINGS = [
  '',
  ' ',
  '   \t\n',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  'Zoë Ångström-Nuñez',
  '👩🏽‍⚕️💊',
  "Robert'); DROP TABLE patients;--",
  '%_\\',
  '"quoted" \'single\'',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '2026-02-30',
  '2026-02-29',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '1899-12-31',
  '2026-11-24T25:00:00Z',
  '2026-11-24T10:00:00+99:00',
  '02/30/2026',
  '1e400',
  'NaN',
  'Infinity',
  'null',
  'true',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'America/Nowhere',
  'Etc/GMT+99',
  '__proto__',
  'constructor',
] as const;

/** Strings short enough for a URL. */
const urlString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 20, max: 400 }).map((n) => 'é'.repeat(n)) },
);

/** Path params: Fastify refuses params over 100 bytes before routing (tested on its own below). */
const paramString = urlString.filter((v) => Buffer.byteLength(v, 'utf8') <= 100);

const oddString = fc.oneof(
  { weight: 4, arbitrary: urlString },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
);

const oddNumber = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    0.5,
    1.5,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e308,
    -1e308,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const deeplyNested = fc.tuple(fc.integer({ min: 20, max: 3_000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { nested: value };
  return value;
});

const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 3, arbitrary: oddNumber },
  { weight: 2, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

const satisfies = (schema: JsonSchema, value: string): boolean =>
  value.length >= (schema.minLength ?? 0) &&
  value.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY) &&
  (schema.pattern === undefined || new RegExp(schema.pattern).test(value));

const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Values the schema accepts, drawn widely (any code point, boundary numbers, real record ids), so that
 * requests get past validation and reach the services and the database.
 */
const validArbitrary = (
  schema: JsonSchema,
  hints: Hints,
  knownIds: readonly string[],
  name?: string,
): fc.Arbitrary<unknown> => {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches && branches.length > 0)
    return fc.oneof(...branches.map((b) => validArbitrary(b, hints, knownIds, name)));
  const type = Array.isArray(schema.type) ? (schema.type[0] ?? 'null') : (schema.type ?? 'object');
  const fallback = minimalValid(schema, hints, name);
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties))
        record[key] = validArbitrary(property, hints, knownIds, key);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    case 'array':
      return fc.array(
        schema.items ? validArbitrary(schema.items, hints, knownIds, name) : fc.constant(null),
        {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 4, 4),
        },
      );
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 }),
        fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? Number.MAX_SAFE_INTEGER, fallback as number),
      );
    case 'number':
      return fc.oneof(
        fc.double({
          min: schema.minimum ?? -1e9,
          max: schema.maximum ?? 1e9,
          noNaN: true,
          noDefaultInfinity: true,
        }),
        fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 1e308),
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'string':
      break;
    default:
      return fc.constant(fallback);
  }
  switch (schema.format) {
    case 'uuid':
      return knownIds.length > 0 ? fc.oneof(fc.uuid(), fc.constantFrom(...knownIds)) : fc.uuid();
    case 'date':
      return fc.oneof(
        fc
          .date({
            min: new Date('1900-01-01T00:00:00Z'),
            max: new Date('2100-12-31T00:00:00Z'),
            noInvalidDate: true,
          })
          .map(isoDay),
        fc.constantFrom(String(fallback), '0000-01-01', '9999-12-31', '2024-02-29', '1899-12-31'),
      );
    case 'date-time':
      return fc.oneof(
        fc
          .date({
            min: new Date('0001-01-01T00:00:00Z'),
            max: new Date('9999-12-31T23:59:59Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString()),
        fc.constantFrom(String(fallback), '2026-11-24T10:00:00-05:00', '2026-03-08T02:30:00-05:00'),
      );
    case 'email':
      return fc.emailAddress().map((e) => (satisfies(schema, e) ? e : String(fallback)));
    case undefined:
    default:
      break;
  }
  const max = Math.min(schema.maxLength ?? 60, 60);
  const candidates = fc.oneof(
    fc.string({
      unit: 'binary',
      minLength: schema.minLength ?? 0,
      maxLength: Math.max(max, schema.minLength ?? 0),
    }),
    fc.constantFrom(...ODD_STRINGS),
    fc.constantFrom(...ODD_STRINGS),
    ...(schema.pattern !== undefined ? [fc.stringMatching(new RegExp(schema.pattern))] : []),
    ...(schema.maxLength !== undefined ? [fc.constant('w'.repeat(schema.maxLength))] : []),
  );
  return candidates.map((s) => (satisfies(schema, s) ? s : String(fallback)));
};

/** An object shaped like the schema (its property names, any subset) holding odd values. */
const wrongTypes = (schema: JsonSchema): fc.Arbitrary<unknown> => {
  const keys = Object.keys(schema.properties ?? {});
  if (keys.length === 0) return oddValue;
  return fc.record(Object.fromEntries(keys.map((k) => [k, oddValue])), { requiredKeys: [] });
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The valid body with one field dropped, replaced by an odd value, or one unknown field added; also one level down. */
const mutated = (base: unknown): fc.Arbitrary<unknown> => {
  if (!isObject(base)) return oddValue;
  const keys = Object.keys(base);
  const options: fc.Arbitrary<unknown>[] = [
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in base)),
        oddValue,
      )
      .map(([k, v]) => ({ ...base, [k]: v })),
  ];
  if (keys.length > 0) {
    const key = fc.constantFrom(...keys);
    options.push(key.map((k) => Object.fromEntries(Object.entries(base).filter(([name]) => name !== k))));
    options.push(fc.tuple(key, oddValue).map(([k, v]) => ({ ...base, [k]: v })));
    const nested = keys.filter(
      (k) => isObject(base[k]) || (Array.isArray(base[k]) && isObject((base[k] as unknown[])[0])),
    );
    if (nested.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...nested), fc.string({ maxLength: 12 }), oddValue).map(([k, inner, v]) => {
          const child = base[k];
          const target = Array.isArray(child)
            ? (child[0] as Record<string, unknown>)
            : (child as Record<string, unknown>);
          const innerKeys = Object.keys(target);
          const field =
            innerKeys.length > 0 && inner.length % 2 === 0
              ? (innerKeys[inner.length % innerKeys.length] ?? inner)
              : inner;
          const replaced = { ...target, [field]: v };
          return {
            ...base,
            [k]: Array.isArray(child) ? [replaced, ...(child as unknown[]).slice(1)] : replaced,
          };
        }),
      );
    }
  }
  return fc.oneof(...options);
};

type QueryValue = string | readonly string[];

interface FuzzInput {
  params: Record<string, string>;
  query: Record<string, QueryValue> | null;
  body: { json: unknown } | { raw: string; contentType: string | null } | null;
}

const queryArbitrary = (
  schema: JsonSchema | undefined,
  base: Record<string, string> | undefined,
  hints: Hints,
  ids: readonly string[],
) => {
  const keys = [...Object.keys(schema?.properties ?? {}), 'q', 'limit', 'offset', '__proto__'];
  const oddQuery = fc.dictionary(
    fc.oneof(fc.constantFrom(...keys), fc.string({ minLength: 1, maxLength: 10 })),
    fc.oneof(urlString, oddNumber.map(String), fc.array(urlString, { minLength: 2, maxLength: 3 })),
    { maxKeys: 4 },
  );
  const options: fc.Arbitrary<Record<string, QueryValue>>[] = [oddQuery];
  if (schema) {
    options.push(
      validArbitrary(schema, hints, ids).map((v) =>
        Object.fromEntries(Object.entries(isObject(v) ? v : {}).map(([k, x]) => [k, String(x)])),
      ),
    );
  }
  if (base) {
    options.push(
      fc
        .tuple(fc.constantFrom(...keys), fc.oneof(urlString, oddNumber.map(String)))
        .map(([k, v]) => ({ ...base, [k]: v })),
    );
  }
  return fc.oneof(...options);
};

const paramsArbitrary = (route: ApiRoute, base: Record<string, string>, ids: readonly string[]) => {
  const names = paramNames(route.url);
  const value = (name: string) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(base[name] ?? '') },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: ids.length > 0 ? fc.constantFrom(...ids) : fc.uuid() },
      { weight: 3, arbitrary: paramString },
    );
  return fc.record(Object.fromEntries(names.map((n) => [n, value(n)]))) as fc.Arbitrary<
    Record<string, string>
  >;
};

const RAW_PAYLOADS = [
  '',
  '{',
  '}',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '42',
  'true',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\u0000',
  'a=1&b=2',
  '<?xml version="1.0"?><patient/>',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '{"a":1,}',
  "{'single':'quotes'}",
  'NaN',
] as const;

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/problem+json',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json-patch+json',
  '',
  null,
] as const;

const rawBodyArbitrary = (validBody: unknown) =>
  fc.record({
    raw: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...RAW_PAYLOADS, JSON.stringify(validBody)) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
      { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 10_000, max: 150_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
      },
      { weight: 1, arbitrary: fc.constant(`"${'x'.repeat(1_100_000)}"`) },
    ),
    contentType: fc.constantFrom(...CONTENT_TYPES),
  });

/** Percent-encodes UTF-8 bytes: unlike encodeURIComponent it accepts lone surrogates. */
const percentEncode = (value: string): string =>
  [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const urlOf = (route: ApiRoute, input: FuzzInput): string => {
  const path = route.url.replace(/:(\w+)/g, (_, name: string) => percentEncode(input.params[name] ?? ''));
  if (!input.query) return path;
  const pairs = Object.entries(input.query).flatMap(([k, v]) =>
    (typeof v === 'string' ? [v] : v).map((x) => `${percentEncode(k)}=${percentEncode(x)}`),
  );
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path;
};

const describeInput = (route: ApiRoute, input: FuzzInput): string => {
  const body =
    input.body === null
      ? ''
      : 'json' in input.body
        ? JSON.stringify(input.body.json)
        : `${input.body.contentType ?? '(no content-type)'}: ${JSON.stringify(input.body.raw)}`;
  const text = `${route.method} ${urlOf(route, input)} ${body ?? 'undefined'}`;
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
};

// ---------------------------------------------------------------------------------------------
// Systematic sweeps: one field at a time, every odd value
// ---------------------------------------------------------------------------------------------

const DROP = Symbol('drop the field');

/** Replacements for one body field: each is tried on every field of a valid body, the rest left valid. */
const BODY_VARIANTS: readonly { label: string; value: unknown }[] = [
  { label: 'dropped', value: DROP },
  { label: 'null', value: null },
  { label: 'empty string', value: '' },
  { label: 'NUL inside a string', value: 'a\u0000b' },
  { label: 'lone surrogate', value: '\ud800x' },
  { label: '100 000 characters', value: 'x'.repeat(100_000) },
  { label: '"Infinity"', value: 'Infinity' },
  { label: '"1e400"', value: '1e400' },
  { label: '-1', value: -1 },
  { label: '1.5', value: 1.5 },
  { label: '1e308', value: 1e308 },
  { label: 'true', value: true },
  { label: 'an object', value: { nested: { deeper: [1, 'two', null] } } },
  { label: 'an array', value: ['a', 1] },
  { label: 'February 30th', value: '2026-02-30' },
  { label: 'year 0', value: '0000-01-01' },
  { label: 'an unknown uuid', value: 'ffffffff-ffff-4fff-bfff-ffffffffffff' },
];

/** The same for query-string values, which arrive as text. */
const QUERY_VARIANTS: readonly string[] = [
  '',
  'a\u0000b',
  '\ud800',
  'x'.repeat(3_000),
  'Infinity',
  '1e400',
  '-1',
  '0',
  '1.5',
  '1e308',
  'true',
  '[]',
  '2026-02-30',
  '%',
];

const PARAM_VARIANTS: readonly string[] = [
  '',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  'a\u0000b',
  '..',
  '{id}',
];

interface Variant {
  label: string;
  apply(parts: RequestParts): FuzzInput;
}

const withField = (body: unknown, path: readonly (string | number)[], value: unknown): unknown => {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(body) && typeof head === 'number') {
    return (body as unknown[])
      .map((item, i) => (i === head ? withField(item, rest, value) : item))
      .filter((item) => item !== DROP);
  }
  if (isObject(body) && typeof head === 'string') {
    const next = withField(body[head], rest, value);
    const copy: Record<string, unknown> = { ...body };
    if (next === DROP) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  return body;
};

/** Every field path of a valid body, one level into nested objects and the first item of arrays of objects. */
const fieldPaths = (body: unknown): (string | number)[][] => {
  if (!isObject(body)) return [];
  return Object.entries(body).flatMap(([key, value]) => {
    const nested = isObject(value)
      ? Object.keys(value).map((k) => [key, k])
      : Array.isArray(value) && isObject(value[0])
        ? Object.keys(value[0]).map((k) => [key, 0, k])
        : [];
    return [[key], ...nested];
  });
};

const variantsFor = (route: ApiRoute, parts: RequestParts): Variant[] => {
  const base = (p: RequestParts): FuzzInput => ({
    params: p.params,
    query: p.query ?? null,
    body: p.body !== undefined && route.method !== 'GET' ? { json: p.body } : null,
  });
  const variants: Variant[] = [];
  if (route.body) {
    for (const path of fieldPaths(parts.body)) {
      for (const { label, value } of BODY_VARIANTS) {
        variants.push({
          label: `body ${path.join('.')} ${label}`,
          apply: (p) => ({ ...base(p), body: { json: withField(p.body, path, value) } }),
        });
      }
    }
    variants.push({
      label: 'body with an unknown field',
      apply: (p) => ({ ...base(p), body: { json: { ...(isObject(p.body) ? p.body : {}), unexpected: 1 } } }),
    });
    for (const whole of [null, [], 'text', 42, {}]) {
      variants.push({
        label: `body ${JSON.stringify(whole)}`,
        apply: (p) => ({ ...base(p), body: { json: whole } }),
      });
    }
  }
  if (route.querystring) {
    const keys = Object.keys(route.querystring.properties ?? {});
    for (const key of keys) {
      for (const value of QUERY_VARIANTS) {
        variants.push({
          label: `query ${key}=${JSON.stringify(value.slice(0, 20))}`,
          apply: (p) => ({ ...base(p), query: { ...p.query, [key]: value } }),
        });
      }
      variants.push({
        label: `query ${key} repeated`,
        apply: (p) => ({ ...base(p), query: { ...p.query, [key]: ['1', '2'] } }),
      });
    }
    variants.push({
      label: 'query with an unknown key',
      apply: (p) => ({ ...base(p), query: { ...p.query, unexpected: '1' } }),
    });
  }
  for (const name of paramNames(route.url)) {
    for (const value of PARAM_VARIANTS) {
      variants.push({
        label: `param ${name}=${JSON.stringify(value)}`,
        apply: (p) => ({ ...base(p), params: { ...p.params, [name]: value } }),
      });
    }
  }
  return variants;
};

/** Fails with every finding listed, one per line. */
const expectNone = (found: readonly string[]): void => {
  if (found.length > 0) throw new Error(`${found.length} unacceptable answer(s):\n${found.join('\n')}`);
};

/** Bodies Fastify's JSON parser refuses before validation: not JSON at all, or JSON naming `__proto__` / `constructor`. */
const parserRejects = (raw: string): boolean => {
  try {
    JSON.parse(raw);
    return /"(__proto__|constructor)"\s*:/.test(raw);
  } catch {
    return true;
  }
};

/** The bad-input probes for one database; each dialect has its own test file so the two run side by side. */
export const defineBadInputSuite = (dialect: Dialect) =>
  describe(`bad input on ${dialect}`, () => {
    let server: TestServer;
    let fx: RouteFixtures;
    let snapshot: () => Promise<Snapshot>;
    let lastSnapshot: Snapshot | null = null;
    const clients = new Map<StaffRole, TestClient>();
    let demoIds: string[] = [];

    beforeAll(async () => {
      // A high sign-in rate limit, so fuzzed sign-ins reach the credential checks instead of the limiter.
      server = await startTestServer(dialect, { loginRatePerMinute: 100_000 });
      fx = await RouteFixtures.create(server);
      for (const role of STAFF_ROLES) clients.set(role, await server.signIn(role));
      snapshot = await snapshotter(server.db);
      const [sites, users, patients] = await Promise.all([
        server.db.kysely.selectFrom('sites').select('id').execute(),
        server.db.kysely.selectFrom('users').select('id').execute(),
        server.db.kysely.selectFrom('patients').select('id').limit(5).execute(),
      ]);
      demoIds = [...sites, ...users, ...patients].map((r) => r.id);
    });
    afterAll(async () => {
      await server?.close();
    });

    interface ValidRequest {
      caller: TestClient;
      parts: RequestParts;
      hints: Hints;
      ids: string[];
    }

    /** The most privileged caller the route lets through (administrators on admin pages), with a fresh valid request. */
    const validRequestFor = async (route: ApiRoute): Promise<ValidRequest> => {
      // Fixtures are written below: the next probe takes a new snapshot.
      lastSnapshot = null;
      const spec = specFor(route);
      const preference: StaffRole[] = route.url.startsWith('/api/v1/admin/')
        ? ['admin', 'program_director', 'clinician']
        : ['program_director', 'clinician', 'clinical_supervisor', 'admin'];
      const relation = relationsFor(spec).includes('own') ? 'own' : 'none';
      for (const role of [...preference, ...STAFF_ROLES]) {
        const c = await prepareCase(fx, spec, fx.member(role), relation);
        if (expectationFor(fx, spec, c).allowed === false) continue;
        const parts = await spec.build(fx, c);
        const hints = await hintsFor(fx, c);
        const ids = [
          ...Object.values(parts.params),
          ...Object.values(isObject(parts.body) ? parts.body : {}).filter(
            (v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v),
          ),
          ...[c.patient?.id, c.patient?.episodeId, c.alert?.id, c.task?.id].filter(
            (v): v is string => typeof v === 'string',
          ),
          ...demoIds,
        ];
        const caller = clients.get(role);
        if (!caller) throw new Error(`${role} is not signed in`);
        return { caller, parts, hints, ids };
      }
      throw new Error(`no staff role may call ${route.key}`);
    };

    interface Outcome {
      status: number;
      /** What is wrong with the answer; empty when it is acceptable. */
      problems: string[];
    }

    /**
     * Sends one input. Acceptable: any 2xx/3xx, or a 4xx problem document (`code`, `detail`, and `fields` on a
     * 400 VALIDATION_FAILED) after which the database is exactly as before.
     */
    const probe = async (
      route: ApiRoute,
      caller: TestClient,
      input: FuzzInput,
      options: { exemptUnparseable?: boolean } = {},
    ): Promise<Outcome> => {
      const before = lastSnapshot ?? (await snapshot());
      const headers: Record<string, string> = { cookie: caller.cookie, 'x-csrf-token': caller.csrf };
      let payload: Uint8Array<ArrayBuffer> | undefined;
      let unparseable = false;
      if (input.body && route.method !== 'GET') {
        if ('json' in input.body) {
          headers['content-type'] = 'application/json';
          payload = new TextEncoder().encode(JSON.stringify(input.body.json) ?? 'null');
        } else {
          if (input.body.contentType !== null) headers['content-type'] = input.body.contentType;
          payload = new TextEncoder().encode(input.body.raw);
          unparseable = parserRejects(input.body.raw);
        }
      }
      const response = await fetch(`${server.baseUrl}${urlOf(route, input)}`, {
        method: route.method,
        headers,
        ...(payload ? { body: payload } : {}),
      });
      const text = await response.text();
      const what = `${describeInput(route, input)} → ${response.status} ${text.slice(0, 300)}`;
      if (response.status < 400 || response.status >= 500) {
        // Not refused (or failed half-way): the database may have changed; take a new snapshot next time.
        lastSnapshot = null;
        return { status: response.status, problems: response.status >= 500 ? [`5xx: ${what}`] : [] };
      }
      const problems: string[] = [];
      if (!(response.headers.get('content-type') ?? '').includes('application/problem+json'))
        problems.push(`not application/problem+json: ${what}`);
      let problem: { code?: unknown; detail?: unknown; fields?: unknown; status?: unknown } = {};
      try {
        problem = JSON.parse(text) as typeof problem;
      } catch {
        problems.push(`not JSON: ${what}`);
      }
      if (typeof problem.code !== 'string' || problem.code.length === 0) problems.push(`no code: ${what}`);
      if (typeof problem.detail !== 'string') problems.push(`no detail: ${what}`);
      const exempt = options.exemptUnparseable === true && unparseable;
      if (
        response.status === 400 &&
        problem.code === 'VALIDATION_FAILED' &&
        !exempt &&
        !(Array.isArray(problem.fields) && problem.fields.length > 0)
      ) {
        problems.push(`VALIDATION_FAILED without fields: ${what}`);
      }
      const after = await snapshot();
      lastSnapshot = after;
      const changed = differences(before, after);
      if (changed.length > 0)
        problems.push(`a refused request changed the database (${changed.join('; ')}): ${what}`);
      return { status: response.status, problems };
    };

    it('the database snapshot notices inserts and updates, ignores rolled-back writes and the audit trail', async () => {
      const before = await snapshot();
      await fx.createUser({ role: 'biller', active: true });
      const inserted = await snapshot();
      expect(differences(before, inserted)).toEqual(['users: 1 insert(s)']);
      await server.db.kysely
        .updateTable('sites')
        .set({ name: 'Renamed annex' })
        .where('id', '=', fx.outsideSiteId)
        .execute();
      const updated = await snapshot();
      expect(differences(inserted, updated)).toEqual(['sites: 1 update(s)']);
      // A write its transaction rolls back leaves no trace.
      await server.db.kysely
        .transaction()
        .execute(async (trx) => {
          await trx
            .updateTable('sites')
            .set({ name: 'Briefly renamed' })
            .where('id', '=', fx.outsideSiteId)
            .execute();
          throw new Error('roll back');
        })
        .catch(() => undefined);
      expect(differences(updated, await snapshot())).toEqual([]);
      const admin = clients.get('admin');
      if (!admin) throw new Error('not signed in');
      // Listing patients writes a `patient.list` audit event and nothing else.
      expect((await admin.get('/api/v1/patients')).status).toBe(200);
      expect(differences(updated, await snapshot())).toEqual([]);
      lastSnapshot = null;
    });

    describe('numbers that are not finite', () => {
      // Query strings and JSON bodies are coerced by the schema validator: "Infinity" and "1e400" become Infinity.
      const createProgram = ROUTES.find((r) => r.key === 'POST /api/v1/admin/programs');
      it.skipIf(!createProgram)(
        'a program with maxWeeklyHours "Infinity" is refused, and the program pick list keeps working',
        async () => {
          const admin = clients.get('admin');
          if (!admin) throw new Error('not signed in');
          const response = await admin.send<{ code?: string }>('POST', '/api/v1/admin/programs', {
            siteId: fx.firstSiteId,
            name: 'Unbounded IOP',
            levelOfCare: 'IOP',
            audience: 'adult',
            minWeeklyHours: 9,
            maxWeeklyHours: 'Infinity',
            typicalWeeksMin: 8,
            typicalWeeksMax: 12,
          });
          const programs = await admin.get('/api/v1/programs');
          expect(response.status, JSON.stringify(response.body)).toBe(400);
          expect(programs.status, 'GET /api/v1/programs after the request').toBe(200);
        },
      );

      it.skipIf(!createProgram)(
        'weekly hours that are not whole quarter hours (5e-324) are refused',
        async () => {
          const admin = clients.get('admin');
          if (!admin) throw new Error('not signed in');
          const response = await admin.send<{ code?: string; fields?: { field: string }[] }>(
            'POST',
            '/api/v1/admin/programs',
            {
              siteId: fx.firstSiteId,
              name: 'Tiny hours',
              levelOfCare: 'OP',
              audience: 'adult',
              minWeeklyHours: 5e-324,
              maxWeeklyHours: 168,
              typicalWeeksMin: 1,
              typicalWeeksMax: 1,
            },
          );
          expect(response.status, JSON.stringify(response.body)).toBe(400);
          expect(response.body.fields?.map((f) => f.field)).toContain('/minWeeklyHours');
        },
      );

      const createTrack = ROUTES.find((r) => r.key === 'POST /api/v1/admin/programs/:id/tracks');
      it.skipIf(!createTrack)(
        'a track slot with weekday "Infinity" is refused, not stored as weekday 0',
        async () => {
          const admin = clients.get('admin');
          if (!admin) throw new Error('not signed in');
          const programId = await fx.createProgram(fx.firstSiteId);
          const response = await admin.send<{ weeklyPattern?: { weekday: number }[] }>(
            'POST',
            `/api/v1/admin/programs/${programId}/tracks`,
            { name: 'Unbounded', weeklyPattern: [{ weekday: 'Infinity', start: '09:00', end: '10:00' }] },
          );
          expect(response.status, JSON.stringify(response.body)).toBe(400);
          lastSnapshot = null;
        },
      );

      it.each(FUZZED.filter((r) => r.querystring?.properties?.limit).map((r) => [r.key, r] as const))(
        '%s?limit=Infinity is a 400',
        async (_key, route) => {
          const { caller, parts } = await validRequestFor(route);
          const outcome = await probe(route, caller, {
            params: parts.params,
            query: { ...parts.query, limit: 'Infinity' },
            body: null,
          });
          expectNone(outcome.problems);
          expect(outcome.status).toBe(400);
        },
      );
    });

    it.each(FUZZED.map((r) => [r.key, r] as const))(
      '%s: every field, query value and param replaced in turn by odd values',
      async (_key, route) => {
        let valid = await validRequestFor(route);
        const found: string[] = [];
        lastSnapshot = null;
        for (const variant of variantsFor(route, valid.parts)) {
          const outcome = await probe(route, valid.caller, variant.apply(valid.parts));
          found.push(...outcome.problems.map((p) => `[${variant.label}] ${p}`));
          // A write went through: start the next variant from fresh records (versions, open episodes …).
          if (outcome.status < 400 || outcome.status >= 500) valid = await validRequestFor(route);
        }
        expectNone(found);
      },
    );

    it.each(FUZZED.map((r) => [r.key, r] as const))(
      '%s: arbitrary params, query and JSON bodies get a 4xx problem or a 2xx, never a 5xx',
      async (_key, route) => {
        const { caller, parts, hints, ids } = await validRequestFor(route);
        const params = paramsArbitrary(route, parts.params, ids);
        const query =
          route.querystring || parts.query
            ? queryArbitrary(route.querystring, parts.query, hints, ids)
            : fc.constant(null);
        const validBody = parts.body ?? (route.body ? minimalValid(route.body, hints) : undefined);
        const body: fc.Arbitrary<FuzzInput['body']> = route.body
          ? fc
              .oneof(
                { weight: 4, arbitrary: mutated(validBody) },
                { weight: 3, arbitrary: validArbitrary(route.body, hints, ids) },
                { weight: 2, arbitrary: wrongTypes(route.body) },
                { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
              )
              .map((json) => ({ json }))
          : fc.constant(parts.body !== undefined ? { json: parts.body } : null);
        const base: FuzzInput = {
          params: parts.params,
          query: parts.query ?? null,
          body: validBody !== undefined && route.method !== 'GET' ? { json: validBody } : null,
        };
        const input = fc.oneof(
          { weight: route.body ? 5 : 0, arbitrary: body.map((b) => ({ ...base, body: b })) },
          { weight: route.querystring ? 3 : 0, arbitrary: query.map((q) => ({ ...base, query: q })) },
          { weight: route.params ? 2 : 0, arbitrary: params.map((p) => ({ ...base, params: p })) },
          { weight: 1, arbitrary: fc.record({ params, query, body }) },
        );
        lastSnapshot = null;
        await fc.assert(
          fc.asyncProperty(input, async (i) => {
            expectNone((await probe(route, caller, i)).problems);
          }),
          { numRuns: RUNS },
        );
      },
    );

    it.each(WITH_BODY.map((r) => [r.key, r] as const))(
      '%s: raw non-JSON bodies and wrong content types get a 4xx problem, never a 5xx',
      async (_key, route) => {
        const { caller, parts } = await validRequestFor(route);
        lastSnapshot = null;
        await fc.assert(
          fc.asyncProperty(rawBodyArbitrary(parts.body), async (raw) => {
            // Whether unparseable JSON names the body in `fields` is checked once below, not per route.
            const outcome = await probe(
              route,
              caller,
              { params: parts.params, query: parts.query ?? null, body: raw },
              { exemptUnparseable: true },
            );
            expectNone(outcome.problems);
          }),
          { numRuns: RAW_RUNS },
        );
      },
    );

    describe('errors raised before a route runs', () => {
      it('an empty or malformed JSON body is a VALIDATION_FAILED problem that names the body in `fields`', async () => {
        const found: string[] = [];
        for (const route of WITH_BODY) {
          const { caller, parts } = await validRequestFor(route);
          for (const raw of ['', '{', '{"a":1,}', '{"__proto__":{"polluted":true}}']) {
            const outcome = await probe(route, caller, {
              params: parts.params,
              query: parts.query ?? null,
              body: { raw, contentType: 'application/json' },
            });
            found.push(...outcome.problems);
          }
        }
        expectNone(found);
      });

      it('an over-long or badly percent-encoded path param is a 4xx problem document', async () => {
        const found: string[] = [];
        for (const route of FUZZED.filter((r) => r.params)) {
          const { caller, parts } = await validRequestFor(route);
          const [first] = paramNames(route.url);
          if (!first) continue;
          for (const raw of ['é'.repeat(60), 'x'.repeat(101)]) {
            found.push(
              ...(
                await probe(route, caller, {
                  params: { ...parts.params, [first]: raw },
                  query: null,
                  body: null,
                })
              ).problems,
            );
          }
          const path = route.url.replace(/:(\w+)/g, (_, name: string) =>
            name === first ? '%E0%A4%A' : (parts.params[name] ?? ''),
          );
          const response = await fetch(`${server.baseUrl}${path}`, {
            method: route.method,
            headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrf },
          });
          if (!(response.headers.get('content-type') ?? '').includes('application/problem+json')) {
            found.push(
              `not application/problem+json: ${route.method} ${path} → ${response.status} ${(await response.text()).slice(0, 200)}`,
            );
          }
        }
        expectNone(found);
      });

      it('a URL longer than the server accepts is a 4xx problem document', async () => {
        const caller = clients.get('program_director');
        if (!caller) throw new Error('not signed in');
        const response = await fetch(`${server.baseUrl}/api/v1/patients?q=${'x'.repeat(20_000)}`, {
          headers: { cookie: caller.cookie },
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(response.headers.get('content-type') ?? '').toContain('application/problem+json');
      });
    });
  });
