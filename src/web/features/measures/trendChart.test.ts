import { describe, expect, it } from 'vitest';
import type { MeasureTrend } from '../../../core/api/measures.js';
import { CHART, trendGeometry, trendSummary } from './trendChart.js';

const PHQ9_BANDS = [
  { key: 'minimal', label: 'Minimal', min: 0, max: 4 },
  { key: 'mild', label: 'Mild', min: 5, max: 9 },
  { key: 'moderate', label: 'Moderate', min: 10, max: 14 },
  { key: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
  { key: 'severe', label: 'Severe', min: 20, max: 27 },
];

const point = (day: number, total: number, band: string, flagged = false) => ({
  responseId: `00000000-0000-4000-8000-0000000000${String(day).padStart(2, '0')}`,
  administeredAt: `2026-11-${String(day).padStart(2, '0')}T15:00:00.000Z`,
  total,
  band: { key: band.toLowerCase(), label: band },
  subscales: null,
  flagged,
});

const trend = (points: MeasureTrend['points']): MeasureTrend => ({
  instrument: 'phq9',
  name: 'Patient Health Questionnaire-9',
  shortName: 'PHQ-9',
  totalRange: { min: 0, max: 27 },
  bands: PHQ9_BANDS,
  points,
});

describe('trendGeometry', () => {
  it('spreads points by date across the plot and maps totals onto the whole scale', () => {
    const g = trendGeometry(
      trend([point(1, 16, 'Moderately severe'), point(8, 9, 'Mild'), point(22, 5, 'Mild')]),
    );
    const plotWidth = CHART.width - CHART.left - CHART.right;
    expect(g.points.map((p) => Math.round(p.x))).toEqual([
      CHART.left,
      Math.round(CHART.left + (plotWidth * 7) / 21),
      CHART.width - CHART.right,
    ]);
    expect(g.points[0]?.y).toBeLessThan(g.points[2]?.y ?? 0);
    expect(g.path.startsWith(`M${CHART.left.toFixed(1)},`)).toBe(true);
    expect(g.yTicks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20, 27]);
  });

  it('shades one band per range, stacked without gaps from the bottom to the top of the plot', () => {
    const g = trendGeometry(trend([point(1, 3, 'Minimal')]));
    expect(g.bands.map((b) => b.key)).toEqual(PHQ9_BANDS.map((b) => b.key));
    const bottom = CHART.height - CHART.bottom;
    expect((g.bands[0]?.y ?? 0) + (g.bands[0]?.height ?? 0)).toBeCloseTo(bottom);
    expect(g.bands[4]?.y).toBeCloseTo(CHART.top);
    for (let i = 1; i < g.bands.length; i += 1)
      expect((g.bands[i]?.y ?? 0) + (g.bands[i]?.height ?? 0)).toBeCloseTo(g.bands[i - 1]?.y ?? 0);
    // A single result sits in the middle, with no line to draw.
    expect(g.points[0]?.x).toBe(CHART.left + (CHART.width - CHART.left - CHART.right) / 2);
    expect(g.path).toBe('');
  });
});

describe('trendSummary', () => {
  it('says the span, the first and latest results, the change and any flags', () => {
    expect(
      trendSummary(
        trend([point(1, 16, 'Moderately severe', true), point(15, 9, 'Mild'), point(22, 5, 'Mild')]),
        'UTC',
      ),
    ).toBe(
      'PHQ-9: 3 results, from 16 (moderately severe) on Nov 1, 2026 to 5 (mild) on Nov 22, 2026; down 11 points. 1 result raised a flag. Higher is worse; the scale runs 0 to 27.',
    );
  });

  it('handles no results and a single one', () => {
    expect(trendSummary(trend([]), 'UTC')).toBe('PHQ-9: no results yet.');
    expect(trendSummary(trend([point(3, 12, 'Moderate')]), 'America/New_York')).toBe(
      'PHQ-9: one result, 12 (moderate) on Nov 3, 2026.',
    );
  });
});
