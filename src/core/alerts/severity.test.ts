import { describe, expect, it } from 'vitest';
import { ALERT_SEVERITIES, isAlertSeverity, severityRank } from './severity.js';

describe('severity', () => {
  it('orders urgent before high before normal', () => {
    expect([...ALERT_SEVERITIES].sort((a, b) => severityRank(a) - severityRank(b))).toEqual([
      'urgent',
      'high',
      'normal',
    ]);
  });

  it('recognises only the three severities', () => {
    expect(isAlertSeverity('urgent')).toBe(true);
    expect(isAlertSeverity('critical')).toBe(false);
  });
});
