/**
 * A small RFC 4180 reader: comma-separated fields, optional double quotes around a field, `""` for a
 * quote inside one, line breaks (CRLF, LF or CR) inside quoted fields. Also tolerated, as spreadsheet
 * exports produce them: a UTF-8 byte-order mark and a missing final line break. Blank lines are skipped.
 */
export interface CsvRecord {
  /** 1-based line on which the record starts, for messages a person can find in the file. */
  line: number;
  fields: string[];
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export const parseCsv = (text: string): CsvResult => {
  const input = text.startsWith('\ufeff') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  // Whether the current record has anything in it (a blank line is not a record).
  let started = false;

  const endRecord = () => {
    fields.push(field);
    if (started || fields.length > 1) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    started = false;
  };

  while (i < input.length) {
    const c = input[i];
    if (c === '"' && field === '') {
      // A quoted field: read to the closing quote.
      started = true;
      const opened = line;
      i += 1;
      let closed = false;
      while (i < input.length) {
        const q = input[i];
        if (q === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i += 1;
          break;
        }
        if (q === '\r' || q === '\n') {
          line += 1;
          if (q === '\r' && input[i + 1] === '\n') {
            field += '\r\n';
            i += 2;
            continue;
          }
        }
        field += q;
        i += 1;
      }
      if (!closed) return { ok: false, line: opened, message: 'a quoted field is never closed' };
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        return { ok: false, line, message: 'text follows the closing quote of a field' };
      }
      continue;
    }
    if (c === ',') {
      started = true;
      fields.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (c === '"') {
      return { ok: false, line, message: 'a quote appears inside an unquoted field' };
    }
    started = true;
    field += c;
    i += 1;
  }
  if (started || field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
};
