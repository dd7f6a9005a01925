/**
 * Resolution indicators with baseline, target and current value: from the resolution progress
 * report when the server has it, else from the resolutions list (baseline and target only).
 */
import { Card, Progress, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { apiGet, isNotFound } from '../../api/client.ts';
import type { IndicatorProgress, ResolutionReport } from '../../api/types.ts';
import { Chart } from '../../components/Chart.tsx';
import { EmptyState, Loading, QueryView } from '../../components/States.tsx';
import { useScope } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';
import {
  indicatorName,
  resolutionList,
  resolutionName,
  resolutionPeriod,
  type Resolution,
} from './resolution.ts';

function IndicatorTable({ rows }: { rows: Partial<IndicatorProgress>[] }) {
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

function ProgressView({ report }: { report: ResolutionReport }) {
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
      {shown.length > 0 && (
        <Chart option={option} label={report.resolution.title} height={60 + shown.length * 48} />
      )}
    </Card>
  );
}

function ListView({ org }: { org: string | undefined }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['resolutions', org],
    queryFn: () => apiGet<Resolution[] | { items: Resolution[] }>('/resolutions', { org }),
    retry: false,
  });
  return (
    <QueryView query={list} isEmpty={(d) => resolutionList(d).length === 0}>
      {(d) => (
        <>
          {resolutionList(d).map((r) => {
            const [from, to] = resolutionPeriod(r);
            return (
              <Card
                key={r.id ?? r.code}
                size="small"
                title={resolutionName(r)}
                extra={t('resolutions.period', { from, to })}
              >
                <IndicatorTable rows={(r.indicators ?? []) as Partial<IndicatorProgress>[]} />
              </Card>
            );
          })}
        </>
      )}
    </QueryView>
  );
}

/** The resolutions screen. */
export default function ResolutionsPage() {
  const { t } = useTranslation();
  const { org } = useScope();
  const report = useQuery({
    queryKey: ['reports', 'resolution', org],
    queryFn: () => apiGet<ResolutionReport>('/reports/resolution', { org }),
    retry: false,
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('resolutions.title')}
      </Typography.Title>
      {report.isPending ? (
        <Loading />
      ) : report.isError && isNotFound(report.error) ? (
        <ListView org={org} />
      ) : (
        <QueryView query={report}>{(r) => <ProgressView report={r} />}</QueryView>
      )}
    </>
  );
}
