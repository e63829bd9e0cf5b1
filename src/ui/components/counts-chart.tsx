import { type Locale, translator } from '../i18n';
import { componentMessages } from './messages';
import { bucketLabel, type CountPoint } from './time-buckets';

export interface ChartSeries {
  name: string;
  points: CountPoint[];
}

interface Props {
  locale: Locale;
  title: string;
  series: ChartSeries[];
  id: string;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 40, right: 12, top: 12, bottom: 36 };
const PALETTE = ['#1f6feb', '#d4380d', '#389e0d', '#722ed1', '#d48806', '#08979c', '#c41d7f', '#595959'];

/**
 * Counts over time in plain SVG (no chart library: the collector's CSP allows
 * no inline style, and a dependency for bars and lines is not worth it). One
 * series draws bars, several draw lines. Screen readers get a summary as the
 * image's name and the numbers in a table under a disclosure.
 */
export function CountsChart({ locale, title, series, id }: Props) {
  const t = translator(componentMessages, locale);
  const buckets = [...new Set(series.flatMap((s) => s.points.map((p) => p.bucket)))].sort();
  if (buckets.length === 0) {
    return (
      <figure class="sg-chart">
        <figcaption id={`${id}-title`}>{title}</figcaption>
        <p class="sg-empty">{t('chartEmpty')}</p>
      </figure>
    );
  }
  const valueAt = (s: ChartSeries, bucket: string) => s.points.find((p) => p.bucket === bucket)?.count ?? 0;
  const totals = buckets.map((b) => series.reduce((sum, s) => sum + valueAt(s, b), 0));
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.count)));
  const total = totals.reduce((a, b) => a + b, 0);
  const peakIndex = totals.indexOf(Math.max(...totals));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / buckets.length;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  // Bars at most 48 units wide: one or two buckets would otherwise fill the plot.
  const barWidth = Math.min(48, Math.max(2, step * 0.7));
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 8));
  const summary = t('chartSummary', {
    total,
    buckets: buckets.length,
    max: Math.max(...totals),
    peak: bucketLabel(buckets[peakIndex] ?? '', locale),
  });

  return (
    <figure class="sg-chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} stroke="#888" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} stroke="#888" />
        <text x={PAD.left - 6} y={PAD.top + 4} text-anchor="end" font-size="11" fill="currentColor">
          {max}
        </text>
        <text x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end" font-size="11" fill="currentColor">
          0
        </text>
        {buckets.map((b, i) =>
          i % labelEvery === 0 ? (
            <text key={b} x={x(i)} y={HEIGHT - 12} text-anchor="middle" font-size="10" fill="currentColor">
              {bucketLabel(b, locale)}
            </text>
          ) : null,
        )}
        {series.length === 1
          ? buckets.map((b, i) => {
              const v = valueAt(series[0] as ChartSeries, b);
              return (
                <rect
                  key={b}
                  class="sg-bar"
                  x={x(i) - barWidth / 2}
                  y={y(v)}
                  width={barWidth}
                  height={PAD.top + plotH - y(v)}
                  fill={PALETTE[0]}
                >
                  <title>{`${bucketLabel(b, locale)}: ${v}`}</title>
                </rect>
              );
            })
          : series.map((s, si) => (
              <g key={s.name}>
                <polyline
                  fill="none"
                  stroke={PALETTE[si % PALETTE.length]}
                  stroke-width="2"
                  points={buckets.map((b, i) => `${x(i)},${y(valueAt(s, b))}`).join(' ')}
                />
                {buckets.map((b, i) => (
                  <circle key={b} cx={x(i)} cy={y(valueAt(s, b))} r="3" fill={PALETTE[si % PALETTE.length]}>
                    <title>{`${s.name} · ${bucketLabel(b, locale)}: ${valueAt(s, b)}`}</title>
                  </circle>
                ))}
              </g>
            ))}
      </svg>
      {series.length > 1 && (
        <ul class="sg-legend">
          {series.map((s, si) => (
            <li key={s.name}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill={PALETTE[si % PALETTE.length]} />
              </svg>{' '}
              {s.name || '—'}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('chartTable')}</summary>
        <table class="sg-table">
          <thead>
            <tr>
              <th scope="col">{t('interval')}</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {series.length > 1 ? s.name || '—' : t('count')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b}>
                <th scope="row">{bucketLabel(b, locale)}</th>
                {series.map((s) => (
                  <td key={s.name}>{valueAt(s, b)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
