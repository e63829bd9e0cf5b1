import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { formatNumber, htmlLang, type Locale, timeZoneName, translator } from '../../shared/i18n';
import { componentMessages } from './messages';
import { ScrollRegion } from './scroll-region';
import { type Bucket, type ChartSeries, continuous } from './time-buckets';

/** Distinguishable in light and dark themes, and for the common colour-vision deficiencies (Okabe–Ito). */
const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];
const HEIGHT = 260;
/** The data table lists every interval up to this many, otherwise only the non-empty ones. */
const TABLE_ROWS = 200;

interface Props {
  locale: Locale;
  id: string;
  title: string;
  series: ChartSeries[];
  bucket: Bucket;
}

function intervalFormat(locale: Locale, bucket: Bucket): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(
    htmlLang(locale),
    bucket === 'hour'
      ? { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }
      : { day: '2-digit', month: '2-digit', year: 'numeric' },
  );
}

/**
 * Counts over a continuous time axis, drawn by uPlot on a canvas, in the
 * viewer's time zone (named in the caption). The canvas is an image whose name
 * is a summary in words; the numbers themselves are in a table under it.
 */
export function TimeChart({ locale, id, title, series, bucket }: Props) {
  const t = translator(componentMessages, locale);
  const mount = useRef<HTMLDivElement>(null);
  const data = continuous(series, bucket);
  const fmt = intervalFormat(locale, data.bucket);
  const zone = timeZoneName(locale);
  const dataKey = `${bucket}|${locale}|${JSON.stringify(series)}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: dataKey stands for the series, bucket and locale
  useEffect(() => {
    const el = mount.current;
    if (!el || data.times.length === 0) return;
    const ink = getComputedStyle(el).color || '#000';
    const grid = 'rgba(128,128,128,0.3)';
    const single = series.length === 1;
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        legend: { show: false },
        // Room on the right for the last time label, which uPlot centres on the axis' end.
        padding: [12, 48, 0, 0],
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        axes: [
          {
            stroke: ink,
            grid: { stroke: grid },
            ticks: { stroke: grid },
            space: data.bucket === 'hour' ? 90 : 70,
            values: (_u, splits) => splits.map((s) => fmt.format(new Date(s * 1000))),
          },
          {
            stroke: ink,
            grid: { stroke: grid },
            ticks: { stroke: grid },
            values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatNumber(v, locale) : '')),
          },
        ],
        series: [
          {},
          ...series.map((s, i) => {
            const color = PALETTE[i % PALETTE.length] as string;
            return {
              label: s.name,
              stroke: color,
              width: 2,
              ...(single
                ? { fill: `${color}99`, paths: uPlot.paths.bars?.({ size: [0.7, 40] }) }
                : { points: { show: data.times.length < 200 } }),
            };
          }),
        ],
      },
      [data.times.map((ms) => ms / 1000), ...data.values],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [dataKey]);

  if (data.times.length === 0) {
    return (
      <figure class="sg-chart">
        <figcaption id={`${id}-title`}>{title}</figcaption>
        <p class="sg-empty">{t('chartEmpty')}</p>
      </figure>
    );
  }

  const totals = data.times.map((_, i) => data.values.reduce((sum, row) => sum + (row[i] ?? 0), 0));
  const max = Math.max(...totals);
  const peak = data.times[totals.indexOf(max)] ?? 0;
  const summary = [
    t('chartSummary', {
      total: totals.reduce((a, b) => a + b, 0),
      start: fmt.format(new Date(data.times[0] ?? 0)),
      end: fmt.format(new Date(data.times[data.times.length - 1] ?? 0)),
      zone,
      max,
      peak: fmt.format(new Date(peak)),
    }),
    series.length > 1
      ? t('chartBySeries', {
          list: series
            .map(
              (s, i) =>
                `${s.name}: ${formatNumber(
                  (data.values[i] ?? []).reduce((a, b) => a + b, 0),
                  locale,
                )}`,
            )
            .join('; '),
        })
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  const rows = data.times
    .map((time, i) => ({ time, i }))
    .filter(({ i }) => data.times.length <= TABLE_ROWS || (totals[i] ?? 0) > 0);

  return (
    <figure class="sg-chart" data-points={data.times.length}>
      <figcaption id={`${id}-title`}>
        {title} ({zone})
      </figcaption>
      <div ref={mount} class="sg-chart-canvas" role="img" aria-labelledby={`${id}-title ${id}-desc`} />
      {series.length > 1 && (
        <ul class="sg-legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.name}>
              <span class="sg-swatch" data-color={i % PALETTE.length} /> {s.name}
            </li>
          ))}
        </ul>
      )}
      <p id={`${id}-desc`} class="sg-chart-summary">
        {summary}
      </p>
      <details>
        <summary>{t('chartTable')}</summary>
        {rows.length < data.times.length && <p>{t('chartTableNonZero')}</p>}
        <ScrollRegion label={t('chartTable')}>
          <table class="sg-table">
            <caption class="sg-visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('interval', { zone })}</th>
                {series.map((s) => (
                  <th key={s.name} scope="col">
                    {series.length > 1 ? s.name : t('count')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ time, i }) => (
                <tr key={time}>
                  <th scope="row">{fmt.format(new Date(time))}</th>
                  {series.map((s, si) => (
                    <td key={s.name}>{formatNumber(data.values[si]?.[i] ?? 0, locale)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
