import { Box, Table, Text, VisuallyHidden } from '@mantine/core';
import type { MeasureTrend } from '../../../core/api/measures.js';
import { formatInstant } from '../../lib/dates.js';
import { CHART, trendGeometry, trendSummary } from './trendChart.js';

/** Band shades from mild to severe; opacities keep the line and points readable over them. */
const bandFill = (severity: number): string => {
  if (severity < 0.2) return 'var(--mantine-color-green-2)';
  if (severity < 0.45) return 'var(--mantine-color-yellow-2)';
  if (severity < 0.7) return 'var(--mantine-color-orange-2)';
  if (severity < 0.95) return 'var(--mantine-color-red-2)';
  return 'var(--mantine-color-red-4)';
};

const shortDate = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' }).format(new Date(iso));

/**
 * One instrument's totals over time as inline SVG: bands shaded behind the line, flagged results
 * ringed. The image has a one-sentence summary as its name; the same numbers are in a visually
 * hidden table for screen readers, so nothing is only in the picture.
 */
export const TrendChart = ({ trend, timeZone }: { trend: MeasureTrend; timeZone: string }) => {
  const geometry = trendGeometry(trend);
  const summary = trendSummary(trend, timeZone);
  const first = geometry.points[0];
  const last = geometry.points[geometry.points.length - 1];

  return (
    <Box>
      <Text size="sm" fw={600}>
        {trend.shortName}
      </Text>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        width="100%"
        style={{ maxWidth: CHART.width, display: 'block' }}
      >
        {geometry.bands.map((band) => (
          <g key={band.key}>
            <rect
              x={CHART.left}
              y={band.y}
              width={CHART.width - CHART.left - CHART.right}
              height={band.height}
              fill={bandFill(band.severity)}
              opacity={0.6}
            />
            {band.height >= 12 && (
              <text
                x={CHART.width - CHART.right + 6}
                y={band.y + band.height / 2 + 4}
                textAnchor="start"
                fontSize={11}
                fill="var(--mantine-color-dark-6)"
              >
                {band.label}
              </text>
            )}
          </g>
        ))}
        {geometry.yTicks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={CHART.left - 4}
              x2={CHART.left}
              y1={tick.y}
              y2={tick.y}
              stroke="var(--mantine-color-gray-6)"
            />
            <text
              x={CHART.left - 6}
              y={tick.y + 4}
              textAnchor="end"
              fontSize={11}
              fill="var(--mantine-color-dark-6)"
            >
              {tick.value}
            </text>
          </g>
        ))}
        <line
          x1={CHART.left}
          x2={CHART.left}
          y1={CHART.top}
          y2={CHART.height - CHART.bottom}
          stroke="var(--mantine-color-gray-6)"
        />
        {geometry.path && (
          <path d={geometry.path} fill="none" stroke="var(--mantine-color-blue-8)" strokeWidth={2} />
        )}
        {geometry.points.map((p) => (
          <g key={p.administeredAt}>
            <circle cx={p.x} cy={p.y} r={4} fill="var(--mantine-color-blue-8)" />
            {p.flagged && (
              <circle
                cx={p.x}
                cy={p.y}
                r={8}
                fill="none"
                stroke="var(--mantine-color-red-9)"
                strokeWidth={2}
              />
            )}
          </g>
        ))}
        {first && (
          <text
            x={first.x}
            y={CHART.height - 10}
            textAnchor={last === first ? 'middle' : 'start'}
            fontSize={11}
          >
            {shortDate(first.administeredAt, timeZone)}
          </text>
        )}
        {last && last !== first && (
          <text x={last.x} y={CHART.height - 10} textAnchor="end" fontSize={11}>
            {shortDate(last.administeredAt, timeZone)}
          </text>
        )}
      </svg>
      <VisuallyHidden>
        <Table>
          <caption>{trend.name} results, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Given</th>
              <th scope="col">Total</th>
              <th scope="col">Band</th>
              <th scope="col">Flag</th>
            </tr>
          </thead>
          <tbody>
            {geometry.points.map((p) => (
              <tr key={p.administeredAt}>
                <td>{formatInstant(p.administeredAt, timeZone)}</td>
                <td>{p.total}</td>
                <td>{p.bandLabel ?? '—'}</td>
                <td>{p.flagged ? 'Flagged' : 'None'}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </VisuallyHidden>
    </Box>
  );
};
