import type { MeasureTrend } from '../../../core/api/measures.js';

/** Layout of a trend chart in SVG user units; the SVG scales to its container. Band names sit in the right margin. */
export const CHART = { width: 640, height: 240, left: 40, right: 120, top: 12, bottom: 32 } as const;

export interface PlottedPoint {
  x: number;
  y: number;
  total: number;
  administeredAt: string;
  bandLabel: string | null;
  flagged: boolean;
}

export interface BandRect {
  key: string;
  label: string;
  y: number;
  height: number;
  /** 0 for the mildest band, 1 for the most severe: the shade deepens with severity. */
  severity: number;
}

export interface TrendGeometry {
  points: PlottedPoint[];
  /** SVG path through the points, oldest first; empty with fewer than two points. */
  path: string;
  bands: BandRect[];
  yTicks: { value: number; y: number }[];
  min: number;
  max: number;
}

const DAY_MS = 86_400_000;

/**
 * Positions for a trend chart: time on the x axis (evenly spaced by date, so gaps in care show as
 * gaps), the total on the y axis over the instrument's whole range, and one shaded rectangle per band.
 */
export const trendGeometry = (trend: MeasureTrend): TrendGeometry => {
  const withTotals = trend.points.filter((p) => p.total !== null);
  const min = trend.totalRange?.min ?? 0;
  const max = Math.max(trend.totalRange?.max ?? 0, ...withTotals.map((p) => p.total ?? 0), min + 1);
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const y = (value: number) => CHART.top + plotHeight * (1 - (value - min) / (max - min));
  const times = withTotals.map((p) => Date.parse(p.administeredAt));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = Math.max(last - first, DAY_MS);
  const x = (time: number) =>
    withTotals.length === 1 ? CHART.left + plotWidth / 2 : CHART.left + (plotWidth * (time - first)) / span;

  const points: PlottedPoint[] = withTotals.map((p, i) => ({
    x: x(times[i] ?? first),
    y: y(p.total ?? 0),
    total: p.total ?? 0,
    administeredAt: p.administeredAt,
    bandLabel: p.band?.label ?? null,
    flagged: p.flagged,
  }));
  const path =
    points.length < 2
      ? ''
      : points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  // A band covers its whole-number range: from half a point below its minimum to half above its maximum.
  const bands = trend.bands.map((band, i) => {
    const top = y(Math.min(max, band.max + (i === trend.bands.length - 1 ? 0 : 0.5)));
    const bottom = y(Math.max(min, band.min - (i === 0 ? 0 : 0.5)));
    return {
      key: band.key,
      label: band.label,
      y: top,
      height: Math.max(0, bottom - top),
      severity: trend.bands.length > 1 ? i / (trend.bands.length - 1) : 0,
    };
  });
  const tickValues =
    trend.bands.length > 0 ? [min, ...trend.bands.slice(1).map((b) => b.min), max] : [min, max];
  const yTicks = [...new Set(tickValues)].map((value) => ({ value, y: y(value) }));
  return { points, path, bands, yTicks, min, max };
};

/** Instruments where a higher total is the better result (readiness to change). */
const HIGHER_IS_BETTER: ReadonlySet<string> = new Set(['readiness']);

const dateOf = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium' }).format(new Date(iso));

/** One sentence a screen reader reads for the chart: span, first and latest results, and the change. */
export const trendSummary = (trend: MeasureTrend, timeZone: string): string => {
  const points = trend.points.filter((p) => p.total !== null);
  const firstPoint = points[0];
  const latest = points[points.length - 1];
  if (!firstPoint || !latest) return `${trend.shortName}: no results yet.`;
  const describe = (p: typeof latest) =>
    `${p.total ?? 0}${p.band ? ` (${p.band.label.toLowerCase()})` : ''} on ${dateOf(p.administeredAt, timeZone)}`;
  if (points.length === 1) return `${trend.shortName}: one result, ${describe(latest)}.`;
  const change = (latest.total ?? 0) - (firstPoint.total ?? 0);
  const direction =
    change === 0
      ? 'no change overall'
      : `${change > 0 ? 'up' : 'down'} ${Math.abs(change)} point${Math.abs(change) === 1 ? '' : 's'}`;
  const flagged = points.filter((p) => p.flagged).length;
  return (
    `${trend.shortName}: ${points.length} results, from ${describe(firstPoint)} to ${describe(latest)}; ${direction}.` +
    (flagged > 0 ? ` ${flagged} result${flagged === 1 ? '' : 's'} raised a flag.` : '') +
    (trend.totalRange
      ? ` ${HIGHER_IS_BETTER.has(trend.instrument) ? 'Higher is better' : 'Higher is worse'}; the scale runs ${trend.totalRange.min} to ${trend.totalRange.max}.`
      : '')
  );
};
