/**
 * Dashboard of one organization and year (issue 6 §1): members at the start of the year, at its
 * end and now, admissions against plan, admissions by month and by target group, members by year
 * since the resolution baseline, open alerts, and units without members or cells. Each figure
 * opens the list behind it.
 */
import { useMemo, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Card, Col, List, Row, Table, Tag, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { apiGet, isNotFound } from '../../api/client.ts';
import type { StatisticsReport, TrendReport } from '../../api/types.ts';
import {
  dissolvedBy,
  useAlerts,
  useOrganization,
  useStatistics,
  useSummary,
} from '../../api/hooks.ts';
import { Chart } from '../../components/Chart.tsx';
import { MembersLine } from '../../components/charts.tsx';
import { EmptyState, ErrorState, Loading, QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch, yearEnd } from '../../components/scope.ts';
import { day, num, pct } from '../../components/format.ts';
import type { ResolutionsAnswer } from '../../api/types.ts';
import { alertPerson, resolutionBaseline } from '../plans/resolution.ts';

/** A big figure that is also a link to the list behind it. */
function Figure({
  title,
  value,
  note,
  to,
  testId,
}: {
  title: string;
  value: string;
  note?: ReactNode;
  to: string;
  testId: string;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Link to={to} className="figure-link" data-testid={testId}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <div
          style={{
            // A sentence (e.g. "đã giải thể từ …") in place of a number is set smaller.
            fontSize: /\d/.test(value.charAt(0)) || value.length <= 2 ? 30 : 18,
            fontWeight: 600,
            lineHeight: 1.3,
          }}
        >
          {value}
        </div>
      </Link>
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Card>
  );
}

/** Year-end dates from the baseline's year through the chosen year (the baseline first). */
function seriesDates(baseline: string, year: number): string[] {
  const dates = [baseline];
  for (let y = Number(baseline.slice(0, 4)); y <= year; y += 1) {
    const end = yearEnd(y);
    if (end > baseline && !dates.includes(end)) dates.push(end);
  }
  return dates;
}

/** The line chart from the trend report, or, on servers without it, from one statistics call per year. */
function MembersByYear({ org, year }: { org: string | undefined; year: number }) {
  const trend = useQuery({
    queryKey: ['reports', 'trend', org, year],
    queryFn: () => apiGet<TrendReport>('/reports/trend', { org, year }),
    retry: false,
  });
  if (trend.isPending) return <Loading />;
  if (trend.isError) {
    if (isNotFound(trend.error)) return <MembersByYearFallback org={org} year={year} />;
    return <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />;
  }
  return (
    <MembersLine
      points={trend.data.points}
      baseline={trend.data.points[0]?.on ?? trend.data.from}
    />
  );
}

function MembersByYearFallback({ org, year }: { org: string | undefined; year: number }) {
  const resolutions = useQuery({
    queryKey: ['resolutions', org],
    queryFn: () => apiGet<ResolutionsAnswer>('/resolutions', { org }),
    retry: false,
  });
  const baseline = resolutionBaseline(resolutions.data, year) ?? `${year - 4}-12-31`;
  const dates = resolutions.isPending ? [] : seriesDates(baseline, year);
  const points = useQueries({
    queries: dates.map((asOf) => ({
      queryKey: ['reports', 'statistics', org, asOf],
      queryFn: () => apiGet<StatisticsReport>('/reports/statistics', { org, asOf }),
    })),
  });
  if (resolutions.isPending || points.some((p) => p.isPending)) return <Loading />;
  const failed = points.find((p) => p.isError);
  if (failed) return <ErrorState error={failed.error} />;
  return (
    <MembersLine
      baseline={baseline}
      points={dates.map((on, i) => ({ on, members: points[i]?.data?.members ?? 0 }))}
    />
  );
}

function Alerts({ org }: { org: string | undefined }) {
  const { t } = useTranslation();
  const search = useScopeSearch();
  const alerts = useAlerts(org, todayIso());
  return (
    <Card title={t('dashboard.alerts')} size="small" style={{ height: '100%' }}>
      {alerts.isPending ? (
        <Loading />
      ) : alerts.isError ? (
        isNotFound(alerts.error) ? (
          <EmptyState description={t('state.notAvailable')} />
        ) : (
          <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
        )
      ) : alerts.data.total === 0 ? (
        <EmptyState description={t('dashboard.noAlerts')} />
      ) : (
        <List
          size="small"
          dataSource={alerts.data.items}
          footer={
            alerts.data.total > alerts.data.items.length ? (
              <Link to={`/pipeline${search}`}>
                {t('dashboard.openList')} ({num(alerts.data.total)})
              </Link>
            ) : undefined
          }
          renderItem={(a) => (
            <List.Item>
              <Link to={`/candidates/${a.candidateId}${search}`}>{alertPerson(a)}</Link>
              <span>
                <Tag color={a.daysOverdue > 0 ? 'red' : 'orange'}>{t(`alerts.${a.kind}`)}</Tag>
                {a.daysOverdue > 0
                  ? t('alerts.overdue', { days: num(a.daysOverdue) })
                  : t('alerts.due', { date: day(a.dueOn) })}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** The dashboard screen. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { org, year } = useScope();
  const search = useScopeSearch();
  const today = todayIso();
  const summary = useSummary(org, year);
  const now = useStatistics(org, today);
  const info = useOrganization(org);
  // A dissolved organization has no members after its last day: say so instead of showing 0.
  const dissolvedNow = dissolvedBy(info.data, today);
  const dissolvedInYear = dissolvedBy(info.data, `${year}-12-31`);
  const dissolvedAtStart = dissolvedBy(info.data, `${year - 1}-12-31`);
  const orgParam = org ? `org=${encodeURIComponent(org)}&` : '';
  const groupKeys = useMemo(
    () => Object.keys(summary.data?.admissionsByTargetGroup ?? {}),
    [summary.data],
  );
  return (
    <QueryView query={summary}>
      {(s) => {
        const months = Array.from(
          { length: 12 },
          (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`,
        );
        const gauge: EChartsOption = {
          series: [
            {
              type: 'gauge',
              min: 0,
              max: Math.max(200, Math.ceil((s.planPercent ?? 0) / 50) * 50),
              splitNumber: 4,
              itemStyle: { color: '#b71c1c' },
              progress: { show: true, width: 14 },
              axisLine: { lineStyle: { width: 14 } },
              axisTick: { show: false },
              splitLine: { length: 8, distance: 4 },
              axisLabel: { formatter: (v: number) => `${v}%`, distance: 20, fontSize: 11 },
              detail: {
                formatter: () => pct(s.planPercent),
                fontSize: 24,
                offsetCenter: [0, '70%'],
              },
              data: [
                {
                  value: s.planPercent ?? 0,
                  name: `${num(s.admissions)} / ${num(s.plannedAdmissions)}`,
                },
              ],
              title: { offsetCenter: [0, '95%'] },
            },
          ],
        };
        const byMonth: EChartsOption = {
          tooltip: { trigger: 'axis' },
          grid: { left: 40, right: 16, top: 16, bottom: 32 },
          xAxis: { type: 'category', data: months.map((m) => m.slice(5)) },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            {
              type: 'bar',
              data: months.map((m) => s.admissionsByMonth[m] ?? 0),
              itemStyle: { color: '#b71c1c' },
            },
          ],
        };
        const byGroup: EChartsOption = {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: {
            type: 'category',
            inverse: true,
            data: groupKeys.map((g) => t(`enums.targetGroup.${g}`)),
          },
          series: [
            {
              type: 'bar',
              data: groupKeys.map((g) => s.admissionsByTargetGroup[g] ?? 0),
              label: { show: true, position: 'right' },
              itemStyle: { color: '#d4a017' },
            },
          ],
        };
        const unitKinds = [
          ...new Set([...Object.keys(s.unitsWithoutMembers), ...Object.keys(s.unitsWithoutCell)]),
        ];
        return (
          <>
            <Typography.Title level={2} style={{ marginTop: 0 }}>
              {t('dashboard.title', { year, org: s.organization.name })}
            </Typography.Title>
            {dissolvedInYear && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="dissolved"
                title={t('organizations.dissolvedSince', { date: day(dissolvedInYear) })}
                description={t('dashboard.dissolvedNote', {
                  org: s.organization.name,
                  date: day(dissolvedInYear),
                })}
              />
            )}
            <Row gutter={[16, 16]}>
              <Col xs={24} sm={12} xl={6}>
                <Figure
                  testId="members-at-start"
                  title={t('dashboard.membersAtStart')}
                  value={
                    dissolvedAtStart && s.membersAtStart === 0
                      ? t('organizations.dissolvedSince', { date: day(dissolvedAtStart) })
                      : num(s.membersAtStart)
                  }
                  note={t('dashboard.asOfDate', { date: day(`${year - 1}-12-31`) })}
                  to={`/members?${orgParam}asOf=${year - 1}-12-31`}
                />
              </Col>
              <Col xs={24} sm={12} xl={6}>
                <Figure
                  testId="members-at-end"
                  title={t('dashboard.membersAtEnd')}
                  value={
                    dissolvedInYear && s.membersAtEnd === 0
                      ? t('organizations.dissolvedSince', { date: day(dissolvedInYear) })
                      : num(s.membersAtEnd)
                  }
                  note={`${t('dashboard.netChange')}: ${s.netChange > 0 ? '+' : ''}${num(s.netChange)}`}
                  to={`/members?${orgParam}asOf=${s.to}`}
                />
              </Col>
              <Col xs={24} sm={12} xl={6}>
                <Figure
                  testId="members-now"
                  title={t('dashboard.membersNow')}
                  value={
                    dissolvedNow
                      ? t('organizations.dissolvedSince', { date: day(dissolvedNow) })
                      : now.data
                        ? num(now.data.members)
                        : now.isError
                          ? '—'
                          : '…'
                  }
                  note={t('dashboard.asOfDate', { date: day(today) })}
                  to={`/members?${orgParam}asOf=${today}`}
                />
              </Col>
              <Col xs={24} sm={12} xl={6}>
                <Figure
                  testId="admissions"
                  title={t('dashboard.admissions')}
                  value={num(s.admissions)}
                  note={
                    s.plannedAdmissions !== null
                      ? `${t('dashboard.plan')} ${num(s.plannedAdmissions)} — ${t('dashboard.ofPlan', { percent: pct(s.planPercent) })}`
                      : t('dashboard.noPlan')
                  }
                  to={`/reports/summary${search}`}
                />
              </Col>
              <Col xs={24} lg={8}>
                <Card title={t('dashboard.planGauge')} size="small" style={{ height: '100%' }}>
                  {s.plannedAdmissions !== null ? (
                    <Chart
                      option={gauge}
                      label={`${t('dashboard.planGauge')}: ${pct(s.planPercent)}`}
                      onClick={() => void navigate(`/plans${search}`)}
                    />
                  ) : (
                    <EmptyState description={t('dashboard.noPlan')} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={16}>
                <Card title={t('dashboard.byMonth')} size="small" style={{ height: '100%' }}>
                  <Chart
                    option={byMonth}
                    label={t('dashboard.byMonth')}
                    onClick={() => void navigate(`/reports/summary${search}`)}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('dashboard.byTargetGroup')} size="small" style={{ height: '100%' }}>
                  <Chart
                    option={byGroup}
                    height={320}
                    label={t('dashboard.byTargetGroup')}
                    onClick={() => void navigate(`/reports/summary${search}`)}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <MembersByYear org={org} year={year} />
              </Col>
              <Col xs={24} lg={12}>
                <Alerts org={org} />
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('dashboard.unitsWithout')} size="small" style={{ height: '100%' }}>
                  <Table
                    size="small"
                    pagination={false}
                    rowKey="kind"
                    dataSource={unitKinds.map((kind) => ({
                      kind,
                      withoutMembers: s.unitsWithoutMembers[kind] ?? 0,
                      withoutCell: s.unitsWithoutCell[kind] ?? 0,
                    }))}
                    columns={[
                      {
                        title: '',
                        dataIndex: 'kind',
                        render: (k: string) => t(`units.${k}`, { defaultValue: k }),
                      },
                      {
                        title: t('dashboard.withoutMembers'),
                        dataIndex: 'withoutMembers',
                        align: 'right',
                        render: (v: number) => (
                          <Link to={`/reports/summary${search}`}>{num(v)}</Link>
                        ),
                      },
                      {
                        title: t('dashboard.withoutCell'),
                        dataIndex: 'withoutCell',
                        align: 'right',
                        render: (v: number) => (
                          <Link to={`/reports/summary${search}`}>{num(v)}</Link>
                        ),
                      },
                    ]}
                  />
                </Card>
              </Col>
            </Row>
          </>
        );
      }}
    </QueryView>
  );
}
