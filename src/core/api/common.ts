import { type TSchema, Type } from '@sinclair/typebox';

/** Shared request/response schemas: the server validates with them, the web app types with them. */
export const Id = Type.String({ format: 'uuid', description: 'UUID' });
export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });
export const IsoInstant = Type.String({ format: 'date-time', description: 'UTC instant, ISO-8601' });
export const Version = Type.Integer({
  minimum: 1,
  description: 'Current version, for optimistic concurrency',
});
export const NonEmpty = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...(description ? { description } : {}) });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

export const IdParams = Type.Object({ id: Id });

/** RFC 9457 problem details with our stable `code` and named failing fields. */
export const Problem = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  currentVersion: Type.Optional(Type.Integer()),
});

/** A string enum as plain JSON Schema (`enum`), typed as the union of its values. */
export const StringEnum = <const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
