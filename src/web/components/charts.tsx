/**
 * Charts shared by the dashboard and the report screens, so a figure looks the same wherever it
 * appears. Each draws through the lazy Chart, so echarts loads only when one is on screen.
 */
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { Chart } from './Chart.tsx';
import { day, num } from './format.ts';

/** Members at the baseline and at each year end, as a line with the figures on it. */
export function MembersLine({
  points,
  baseline,
  title,
}: {
  points: { on: string; members: number }[];
  baseline: string;
  /** The card's title; by default the dashboard's "since the resolution's baseline". */
  title?: string;
}) {
  const { t } = useTranslation();
  const option: EChartsOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v) => num(Number(v)) },
    grid: { left: 56, right: 24, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: points.map((p) => day(p.on)) },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => num(v) } },
    series: [
      {
        type: 'line',
        data: points.map((p) => p.members),
        label: { show: true, formatter: (p) => num(Number(p.value)) },
        itemStyle: { color: '#b71c1c' },
      },
    ],
  };
  const heading = title ?? t('dashboard.membersByYear', { date: day(baseline) });
  return (
    <Card title={heading} size="small" style={{ height: '100%' }}>
      <Chart option={option} label={heading} />
    </Card>
  );
}

/** One resolution indicator's baseline, current value and target side by side (own scale each). */
export function IndicatorBars({
  name,
  baseline,
  current,
  target,
  height = 200,
}: {
  name: string;
  baseline: number | null;
  current: number | null;
  target: number | null;
  height?: number;
}) {
  const { t } = useTranslation();
  const labels = [t('resolutions.baseline'), t('resolutions.current'), t('resolutions.target')];
  const option: EChartsOption = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => num(Number(v)),
    },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => num(v) } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: [
          { value: baseline ?? 0, itemStyle: { color: '#9e9e9e' } },
          { value: current ?? 0, itemStyle: { color: '#b71c1c' } },
          { value: target ?? 0, itemStyle: { color: '#d4a017' } },
        ],
        label: { show: true, position: 'top', formatter: (p) => num(Number(p.value)) },
      },
    ],
  };
  return (
    <Chart
      option={option}
      height={height}
      label={`${name}: ${labels
        .map((l, i) => `${l} ${num([baseline, current, target][i] ?? null)}`)
        .join(', ')}`}
    />
  );
}
