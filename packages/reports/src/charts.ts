import * as echarts from 'echarts';

export interface LineSeries {
  name: string;
  /** One value per period; null leaves a gap (missing or withheld), never a 0. */
  values: ReadonlyArray<number | null>;
  dashed?: boolean;
}

export interface LineChartInput {
  periods: readonly string[];
  series: readonly LineSeries[];
  width?: number;
  height?: number;
}

/** Colour-blind safe (Okabe–Ito) lines; the city line is dashed as well, so it is not told by colour alone. */
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];

const germanNumber = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

/** A line chart as an SVG string, rendered by ECharts on the server (no DOM, no canvas). */
export function lineChartSvg({ periods, series, width = 480, height = 200 }: LineChartInput): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: COLOURS,
      textStyle: { fontFamily: 'Helvetica' },
      grid: { left: 56, right: 16, top: 28, bottom: 28 },
      legend: { top: 0, data: series.map((s) => s.name) },
      xAxis: { type: 'category', data: [...periods] },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => germanNumber.format(v) } },
      series: series.map((s) => ({
        name: s.name,
        type: 'line',
        data: [...s.values],
        connectNulls: false,
        symbolSize: 6,
        lineStyle: s.dashed ? { type: 'dashed' } : undefined,
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
