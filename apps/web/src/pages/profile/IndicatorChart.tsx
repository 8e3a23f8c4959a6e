import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const numberFormat = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

interface Props {
  label: string;
  periods: string[];
  own: Array<number | null>;
  city: Array<number | null>;
  spaceName: string;
}

/**
 * The space's line and the city's (dashed, so the two differ without colour). Withheld values are gaps, never 0.
 * A picture: the table below it holds the same figures for screen readers.
 */
export function IndicatorChart({ label, periods, own, city, spaceName }: Props) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'canvas', locale: 'DE' });
    chart.setOption({
      animation: false,
      color: ['#0072B2', '#D55E00'],
      grid: { left: 56, right: 16, top: 32, bottom: 28 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? numberFormat.format(v) : '–') },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => numberFormat.format(v) } },
      series: [
        { name: spaceName, type: 'line', data: own, connectNulls: false, symbol: 'circle', symbolSize: 7 },
        { name: 'Stadt (gewichtet)', type: 'line', data: city, connectNulls: false, symbol: 'rect', symbolSize: 7, lineStyle: { type: 'dashed' } },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [periods, own, city, spaceName]);
  return <div ref={element} className="indicator-chart" role="img" aria-label={`Verlauf: ${label}; die Werte stehen in der Tabelle darunter`} />;
}
