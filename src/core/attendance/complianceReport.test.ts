import { describe, expect, it } from 'vitest';
import { complianceReport, type TrackEnrolmentWeek } from './complianceReport.js';
import { weeklyMinutesRange } from './weeklyHours.js';

const iop = weeklyMinutesRange('IOP', 'adult');
const enrolled = (
  trackId: string,
  patientId: string,
  weekStart: string,
  tapering = false,
): TrackEnrolmentWeek => ({
  trackId,
  patientId,
  weekStart,
  range: iop,
  tapering,
});

describe('complianceReport', () => {
  it('lists every enrolled patient per track and week, zero minutes included, furthest below first', () => {
    const report = complianceReport(
      [
        enrolled('morning', 'ana', '2026-03-09'),
        enrolled('morning', 'ben', '2026-03-09'),
        enrolled('morning', 'cy', '2026-03-09'),
        enrolled('morning', 'dee', '2026-03-09', true),
        enrolled('evening', 'eve', '2026-03-09'),
        enrolled('morning', 'ana', '2026-03-02'),
      ],
      [
        { patientId: 'ana', weekStart: '2026-03-09', minutes: 600 },
        { patientId: 'ben', weekStart: '2026-03-09', minutes: 1200 },
        { patientId: 'dee', weekStart: '2026-03-09', minutes: 300 },
        { patientId: 'eve', weekStart: '2026-03-09', minutes: 540 },
        { patientId: 'ana', weekStart: '2026-03-02', minutes: 100 },
      ],
    );
    expect(report.map((g) => [g.trackId, g.weekStart, g.counts])).toEqual([
      ['evening', '2026-03-09', { total: 1, below: 0, within: 1, above: 0, tapering: 0 }],
      ['morning', '2026-03-02', { total: 1, below: 1, within: 0, above: 0, tapering: 0 }],
      ['morning', '2026-03-09', { total: 4, below: 1, within: 1, above: 1, tapering: 1 }],
    ]);
    expect(report[2]?.patients.map((p) => [p.patientId, p.minutes, p.hours, p.status, p.tapering])).toEqual([
      ['cy', 0, 0, 'below', false],
      ['dee', 300, 5, 'below', true],
      ['ana', 600, 10, 'within', false],
      ['ben', 1200, 20, 'above', false],
    ]);
  });

  it('counts a patient listed twice in one track and week once', () => {
    const report = complianceReport(
      [enrolled('m', 'ana', '2026-03-09'), enrolled('m', 'ana', '2026-03-09')],
      [],
    );
    expect(report[0]?.counts.total).toBe(1);
  });
});
