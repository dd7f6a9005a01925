/**
 * A resolution's progress: every indicator's baseline, target and current value as a table, a
 * chart of each indicator on its own scale, and the share of the way to each target.
 */
import { Card, Col, Progress, Row, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import type { IndicatorProgress, ResolutionReport } from '../../api/types.ts';
import { Chart } from '../../components/Chart.tsx';
import { IndicatorBars } from '../../components/charts.tsx';
import { EmptyState } from '../../components/States.tsx';
import { day, num } from '../../components/format.ts';
import { indicatorName } from './resolution.ts';

/** Baseline, target, current and progress of each indicator. */
export function IndicatorTable({ rows }: { rows: Partial<IndicatorProgress>[] }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      rowKey={(r) => r.code ?? r.name ?? ''}
      pagination={false}
      dataSource={rows}
      scroll={{ x: 640 }}
      columns={[
        { title: t('resolutions.indicator'), render: (_: unknown, r) => indicatorName(r) },
        {
          title: t('resolutions.baseline'),
          align: 'right',
          render: (_: unknown, r) =>
            `${num(r.baseline)}${r.baselineOn ? ` (${day(r.baselineOn)})` : ''}`,
        },
        {
          title: t('resolutions.target'),
          dataIndex: 'target',
          align: 'right',
          render: (v: number | null) => num(v),
        },
        {
          title: t('resolutions.current'),
          dataIndex: 'current',
          align: 'right',
          render: (v: number | null | undefined) => num(v),
        },
        {
          title: '%',
          dataIndex: 'progressPercent',
          width: 160,
          render: (v: number | null | undefined) =>
            v === null || v === undefined ? (
              '—'
            ) : (
              <Progress
                percent={Math.min(100, Math.max(0, v))}
                format={() => `${num(v, Number.isInteger(v) ? 0 : 1)}%`}
                size="small"
              />
            ),
        },
      ]}
    />
  );
}

/** The whole progress view of one resolution report. */
export function ResolutionProgress({ report }: { report: ResolutionReport }) {
  const { t } = useTranslation();
  if (!report.resolution) return <EmptyState />;
  // Indicators have different scales (members in thousands, villages in units): compare progress.
  const shown = report.indicators.filter((i) => i.progressPercent !== null);
  const option: EChartsOption = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => `${num(Number(v), 1)}%`,
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${v}%` } },
    yAxis: { type: 'category', inverse: true, data: shown.map((i) => i.name) },
    series: [
      {
        type: 'bar',
        data: shown.map((i) => i.progressPercent ?? 0),
        label: { show: true, position: 'right', formatter: (p) => `${num(Number(p.value), 1)}%` },
        itemStyle: { color: '#b71c1c' },
        markLine: { symbol: 'none', data: [{ xAxis: 100 }], label: { formatter: '100%' } },
      },
    ],
  };
  return (
    <Card
      size="small"
      title={`${report.resolution.code} — ${report.resolution.title}`}
      extra={t('resolutions.period', {
        from: report.resolution.fromYear,
        to: report.resolution.toYear,
      })}
    >
      <IndicatorTable rows={report.indicators} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }} data-testid="indicator-charts">
        {report.indicators.map((i) => (
          <Col key={i.code} xs={24} md={12} xl={8}>
            <Card size="small" type="inner" title={i.name}>
              <IndicatorBars
                name={i.name}
                baseline={i.baseline}
                current={i.current}
                target={i.target}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {shown.length > 0 && (
        <Card size="small" type="inner" title={t('resolutions.progress')} style={{ marginTop: 16 }}>
          <Chart option={option} label={report.resolution.title} height={60 + shown.length * 48} />
        </Card>
      )}
    </Card>
  );
}
