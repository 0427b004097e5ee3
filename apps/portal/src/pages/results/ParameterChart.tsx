import type { ParameterSeries } from '@pacjent/contracts';
import { localeOf, type Lang } from '../../i18n/lang';
import { resultsTexts } from './texts';

const WIDTH = 640;
const HEIGHT = 260;
const PAD = { top: 16, right: 16, bottom: 36, left: 52 };

function formatDay(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'Europe/Warsaw', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );
}

/** Round steps for the value axis: 1, 2 or 5 × 10ⁿ, about five of them. */
function ticks(min: number, max: number): number[] {
  const raw = (max - min) / 5 || 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step) out.push(Number(v.toFixed(10)));
  return out;
}

/**
 * One parameter across the patient's results as an SVG line chart: time on
 * the x axis (to scale), the value on y, the latest reference range as a
 * band, points out of range marked. Drawn from the series alone (no chart
 * library: one line, one band, a few labels).
 */
export function ParameterChart({ series, lang }: { series: ParameterSeries; lang: Lang }) {
  const texts = resultsTexts(lang);
  const points = series.points;
  const latest = points.at(-1);
  const unit = latest?.unit ?? '';
  const values = points.flatMap((p) => [p.value, p.referenceLow ?? p.value, p.referenceHigh ?? p.value]);
  const spread = Math.max(...values) - Math.min(...values) || Math.abs(values[0] ?? 1) || 1;
  const low = Math.min(...values) - spread * 0.1;
  const high = Math.max(...values) + spread * 0.1;
  const times = points.map((p) => new Date(p.effectiveAt).getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t: number) => PAD.left + (last === first ? plotW / 2 : ((t - first) / (last - first)) * plotW);
  const y = (v: number) => PAD.top + (1 - (v - low) / (high - low)) * plotH;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(times[i]!).toFixed(1)},${y(p.value).toFixed(1)}`);
  const bandLow = latest?.referenceLow ?? null;
  const bandHigh = latest?.referenceHigh ?? null;
  const hasBand = bandLow !== null || bandHigh !== null;
  const bandTop = y(bandHigh ?? high);
  const bandBottom = y(bandLow ?? low);

  return (
    <figure className="result-chart" data-testid="result-chart" data-code={series.code}>
      <figcaption className="result-chart__caption">{texts.chartOf(series.name, unit)}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={texts.chartLabel(series.name, points.length)}
        className="result-chart__svg"
      >
        {hasBand ? (
          <rect
            className="result-chart__band"
            data-testid="chart-band"
            x={PAD.left}
            width={plotW}
            y={bandTop}
            height={Math.max(0, bandBottom - bandTop)}
          >
            <title>{texts.band}</title>
          </rect>
        ) : null}
        {ticks(low, high).map((v) => (
          <g key={v}>
            <line className="result-chart__grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="result-chart__label" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
              {v.toLocaleString(localeOf(lang))}
            </text>
          </g>
        ))}
        <line
          className="result-chart__axis"
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={HEIGHT - PAD.bottom}
          y2={HEIGHT - PAD.bottom}
        />
        <path className="result-chart__line" d={path.join(' ')} />
        {points.map((p, i) => (
          <circle
            key={`${p.resultId}-${i}`}
            data-testid="chart-point"
            data-flag={p.flag ?? 'none'}
            className={`result-chart__point result-chart__point--${p.flag ?? 'none'}`}
            cx={x(times[i]!)}
            cy={y(p.value)}
            r={5}
          >
            <title>{`${formatDay(p.effectiveAt, lang)}: ${p.value.toLocaleString(localeOf(lang))} ${p.unit}`}</title>
          </circle>
        ))}
        {points.length > 0 ? (
          <>
            <text className="result-chart__label" x={x(first)} y={HEIGHT - 12} textAnchor="start">
              {formatDay(points[0]!.effectiveAt, lang)}
            </text>
            {last !== first ? (
              <text className="result-chart__label" x={x(last)} y={HEIGHT - 12} textAnchor="end">
                {formatDay(latest!.effectiveAt, lang)}
              </text>
            ) : null}
          </>
        ) : null}
      </svg>
    </figure>
  );
}
