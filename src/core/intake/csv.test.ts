import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

const fieldsOf = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(`${result.line}: ${result.message}`);
  return result.records.map((r) => r.fields);
};

describe('RFC 4180 CSV', () => {
  it('splits plain fields and records, with or without a final line break', () => {
    expect(fieldsOf('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fieldsOf('a,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(fieldsOf('name,note\r\n"Delgado, Rosa","said ""call after 5""\r\nsecond line"\r\n')).toEqual([
      ['name', 'note'],
      ['Delgado, Rosa', 'said "call after 5"\r\nsecond line'],
    ]);
  });

  it('keeps empty fields, including a trailing one and an empty quoted one', () => {
    expect(fieldsOf('a,,c,\n"",x,,\n')).toEqual([
      ['a', '', 'c', ''],
      ['', 'x', '', ''],
    ]);
  });

  it('skips blank lines and a byte-order mark, and numbers records by their first line', () => {
    const result = parseCsv('\ufeffa,b\n\n"multi\nline",2\n\n3,4\n');
    expect(result).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 3, fields: ['multi\nline', '2'] },
        { line: 6, fields: ['3', '4'] },
      ],
    });
  });

  it('accepts old Mac line breaks (CR alone)', () => {
    expect(fieldsOf('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('refuses an unclosed quote, text after a closing quote and a stray quote, naming the line', () => {
    expect(parseCsv('a,b\n"open,2\n3,4')).toEqual({
      ok: false,
      line: 2,
      message: 'a quoted field is never closed',
    });
    expect(parseCsv('a\n"x"y\n')).toEqual({
      ok: false,
      line: 2,
      message: 'text follows the closing quote of a field',
    });
    expect(parseCsv('a\nx"y\n')).toEqual({
      ok: false,
      line: 2,
      message: 'a quote appears inside an unquoted field',
    });
  });

  it('reads an empty file as no records', () => {
    expect(parseCsv('')).toEqual({ ok: true, records: [] });
    expect(parseCsv('\n\n')).toEqual({ ok: true, records: [] });
  });

  it('round-trips any table written the RFC 4180 way (generated cases)', () => {
    const alphabet = ['a', 'Z', ' ', ',', '"', '\n', '\r\n', 'é', '😀', ''];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let n = 0; n < 300; n += 1) {
      const width = 1 + (next() % 4);
      const height = 1 + (next() % 4);
      const table = Array.from({ length: height }, () =>
        Array.from({ length: width }, () =>
          Array.from({ length: next() % 5 }, () => alphabet[next() % alphabet.length]).join(''),
        ),
      );
      // A record of one empty field is a blank line, which the reader skips: give such rows content.
      const rows = table.map((r) => (r.length === 1 && r[0] === '' ? ['x'] : r));
      const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f);
      const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
      expect(fieldsOf(text)).toEqual(rows);
    }
  });
});
