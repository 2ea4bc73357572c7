import { FIGURE_COUNTS, type MonthFigures } from './month-figures.js';

const WIDTH = 720;
const LABEL_W = 150;
const VALUE_W = 56;
const ROW_H = 30;
const BAR_H = 18;
const TOP = 34;

/**
 * The month's counts as horizontal bars, each split into 一般 and マザーズコーナー: plain SVG in
 * the page (no script, colours from the stylesheet), with a title and every number written out,
 * so it reads without the colours and a screen reader gets the title (the table has the numbers).
 */
export function FiguresChart({ figures, title }: { figures: MonthFigures; title: string }) {
  const max = Math.max(1, ...FIGURE_COUNTS.map((k) => figures.all.counts[k.id]));
  const scale = (WIDTH - LABEL_W - VALUE_W) / max;
  const height = TOP + FIGURE_COUNTS.length * ROW_H + 8;
  return (
    <svg
      class="figures-chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-labelledby="figures-chart-title"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="figures-chart-title">{title}</title>
      <g class="legend">
        <rect class="seg-regular" x={LABEL_W} y={8} width={14} height={14} />
        <text x={LABEL_W + 20} y={20}>
          一般
        </text>
        <rect class="seg-mothers" x={LABEL_W + 80} y={8} width={14} height={14} />
        <text x={LABEL_W + 100} y={20}>
          マザーズコーナー
        </text>
      </g>
      {FIGURE_COUNTS.map((k, i) => {
        const y = TOP + i * ROW_H;
        const regular = figures.regular.counts[k.id] * scale;
        const mothers = figures.mothers.counts[k.id] * scale;
        const total = figures.all.counts[k.id];
        return (
          <g key={k.id}>
            <text class="label" x={LABEL_W - 8} y={y + BAR_H - 4} text-anchor="end">
              {k.label}
            </text>
            <rect class="seg-regular" x={LABEL_W} y={y} width={regular} height={BAR_H} />
            <rect class="seg-mothers" x={LABEL_W + regular} y={y} width={mothers} height={BAR_H} />
            <text class="value" x={LABEL_W + regular + mothers + 6} y={y + BAR_H - 4}>
              {`${total}件`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
