import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_TABLE, DIMENSIONS, validateRuleTable } from './ruleTable.js';

const copy = (): { version: string; rows: Record<string, unknown[]> } =>
  JSON.parse(JSON.stringify(DEFAULT_RULE_TABLE)) as { version: string; rows: Record<string, unknown[]> };

const fieldsOf = (input: unknown): string[] => {
  const result = validateRuleTable(input);
  return result.ok ? [] : result.fields.map((f) => f.field);
};

describe('DEFAULT_RULE_TABLE', () => {
  it('is the table of SPEC §3', () => {
    const spec = {
      d1: 'OP OP/ambulatory IOP/ambulatory RES/medically_monitored INP/medically_managed',
      d2: 'OP OP IOP RES INP',
      d3: 'OP OP IOP PHP INP',
      d4: 'OP OP IOP IOP IOP',
      d5: 'OP OP IOP PHP RES',
      d6: 'OP OP IOP PHP RES',
    };
    for (const [dimension, row] of Object.entries(DEFAULT_RULE_TABLE.rows)) {
      const written = row
        .map((cell) =>
          cell.withdrawalManagement ? `${cell.level}/${cell.withdrawalManagement}` : cell.level,
        )
        .join(' ');
      expect(written, dimension).toBe(spec[dimension as keyof typeof spec]);
    }
    expect(DEFAULT_RULE_TABLE.version).toBe('default-2026-11');
  });

  it('is frozen, since every caller shares it', () => {
    expect(Object.isFrozen(DEFAULT_RULE_TABLE.rows.d1[3])).toBe(true);
    expect(Object.isFrozen(DEFAULT_RULE_TABLE.rows)).toBe(true);
  });

  it('labels the six dimensions in SPEC order', () => {
    expect(Object.values(DIMENSIONS).map((d) => d.label)).toEqual([
      'Intoxication and withdrawal potential',
      'Biomedical conditions',
      'Emotional, behavioural or cognitive conditions',
      'Readiness to change',
      'Relapse or continued-use potential',
      'Recovery and living environment',
    ]);
  });
});

describe('validateRuleTable', () => {
  it('accepts the default table and returns an equal copy', () => {
    const result = validateRuleTable(copy());
    expect(result).toEqual({ ok: true, table: DEFAULT_RULE_TABLE });
  });

  it('rejects a decreasing row at the cell where it drops', () => {
    const table = copy();
    table.rows.d3![3] = { level: 'OP' };
    expect(fieldsOf(table)).toEqual(['/rows/d3/3']);
  });

  it('rejects a decreasing withdrawal need', () => {
    const table = copy();
    table.rows.d1![4] = { level: 'INP', withdrawalManagement: 'ambulatory' };
    expect(fieldsOf(table)).toEqual(['/rows/d1/4/withdrawalManagement']);
  });

  it('rejects unknown levels and withdrawal needs', () => {
    const table = copy();
    table.rows.d2![1] = { level: 'DETOX' };
    table.rows.d5![0] = { level: 'OP', withdrawalManagement: 'some' };
    expect(fieldsOf(table)).toEqual(['/rows/d2/1/level', '/rows/d5/0/withdrawalManagement']);
  });

  it('rejects a missing row, a short row, an unknown row and unknown properties', () => {
    const table = copy();
    delete table.rows.d5;
    table.rows.d6 = table.rows.d6!.slice(0, 4);
    table.rows.d7 = table.rows.d2!;
    table.rows.d1![2] = { level: 'IOP', withdrawalManagment: 'ambulatory' };
    expect(fieldsOf(table).sort()).toEqual([
      '/rows/d1/2/withdrawalManagment',
      '/rows/d5',
      '/rows/d6',
      '/rows/d7',
    ]);
  });

  it('rejects a withdrawal need on readiness to change', () => {
    const table = copy();
    table.rows.d4![4] = { level: 'IOP', withdrawalManagement: 'ambulatory' };
    expect(fieldsOf(table)).toEqual(['/rows/d4/4/withdrawalManagement']);
  });

  it('requires a version of 1–64 characters', () => {
    for (const version of ['', '   ', 'x'.repeat(65), 7, undefined]) {
      expect(fieldsOf({ ...copy(), version })).toEqual(['/version']);
    }
    expect(fieldsOf({ ...copy(), version: 'x'.repeat(64) })).toEqual([]);
  });

  it('rejects what is not a table at all', () => {
    expect(fieldsOf(null)).toEqual(['/']);
    expect(fieldsOf([])).toEqual(['/']);
    expect(fieldsOf({ version: 'v1' })).toEqual(['/rows']);
    expect(fieldsOf({ version: 'v1', rows: { d1: 'OP' } })).toContain('/rows/d1');
  });

  it('treats an explicit "none" withdrawal need as absent', () => {
    const table = copy();
    table.rows.d2![0] = { level: 'OP', withdrawalManagement: 'none' };
    const result = validateRuleTable(table);
    expect(result.ok && result.table.rows.d2[0]).toEqual({ level: 'OP' });
  });
});
