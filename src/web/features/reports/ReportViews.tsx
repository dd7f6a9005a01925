/**
 * Dedicated screens of the resolution, ratings, trend and pipeline reports (SPEC §5.3, §5.5,
 * §5.6), drawn with the dashboard's chart components so a figure looks the same everywhere.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Col, Descriptions, Drawer, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  PipelineReport,
  RatedItem,
  RatingLevel,
  RatingsReport,
  ResolutionReport,
  TrendReport,
} from '../../api/types.ts';
import { MembersLine } from '../../components/charts.tsx';
import { EmptyState } from '../../components/States.tsx';
import { day, num } from '../../components/format.ts';
import { ResolutionProgress } from '../plans/ResolutionProgress.tsx';
import { BOARD_STAGES } from '../pipeline/stages.ts';
import { useSession } from '../session/session.tsx';
import { RatingForm } from './RatingForm.tsx';

const LEVEL_COLORS: Record<RatingLevel, string> = {
  excellent: 'green',
  good: 'blue',
  completed: 'gold',
  not_completed: 'red',
};

/** Resolution progress: indicators with baseline, target, current, and their charts. */
export function ResolutionView({ r }: { r: ResolutionReport }) {
  return <ResolutionProgress report={r} />;
}

/** Members at the baseline and at each year end: the dashboard's line, and the figures. */
export function TrendView({ r }: { r: TrendReport }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={16}>
        <MembersLine
          points={r.points}
          baseline={r.points[0]?.on ?? r.from}
          title={`${t('reports.trend')} — ${r.organization.name}`}
        />
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('reports.trendTable')}>
          <Table
            size="small"
            rowKey="on"
            pagination={false}
            dataSource={r.points.map((p, i) => ({
              ...p,
              change: i === 0 ? null : p.members - (r.points[i - 1]?.members ?? p.members),
            }))}
            columns={[
              { title: t('reports.asOf'), dataIndex: 'on', render: day },
              {
                title: t('reports.members'),
                dataIndex: 'members',
                align: 'right',
                render: (v: number) => num(v),
              },
              {
                title: t('reports.change'),
                dataIndex: 'change',
                align: 'right',
                render: (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : ''}${num(v)}`),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function RatedTable({
  items,
  criteria,
  subject,
}: {
  items: RatedItem[];
  criteria: RatingsReport['criteria'];
  subject: 'organization' | 'member';
}) {
  const { t } = useTranslation();
  const own = criteria.filter((c) => c.subject === subject);
  return (
    <Table<RatedItem>
      size="small"
      rowKey="code"
      dataSource={items}
      pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('ratings.none') }}
      columns={[
        {
          title: subject === 'organization' ? t('members.organization') : t('people.fullName'),
          dataIndex: 'name',
          fixed: 'left',
          width: 300,
          render: (name: string, item) =>
            subject === 'organization' ? (
              <Link to={`/organizations?node=${encodeURIComponent(item.code)}`}>{name}</Link>
            ) : (
              name
            ),
        },
        {
          title: t('ratings.level'),
          dataIndex: 'level',
          render: (level: RatingLevel) => (
            <Tag color={LEVEL_COLORS[level]}>{t(`ratings.levels.${level}`)}</Tag>
          ),
          filters: (['excellent', 'good', 'completed', 'not_completed'] as const).map((l) => ({
            text: t(`ratings.levels.${l}`),
            value: l,
          })),
          onFilter: (value, item) => item.level === value,
        },
        {
          title: t('ratingForm.reason'),
          key: 'reason',
          width: 340,
          render: (_: unknown, item: RatedItem) =>
            item.reason ? (
              <div data-testid="rated-reason">
                <Typography.Paragraph
                  ellipsis={{ rows: 2, tooltip: item.reason }}
                  style={{ marginBottom: 0, fontSize: 12 }}
                >
                  {item.reason}
                </Typography.Paragraph>
                <Tag>{item.citation}</Tag>
              </div>
            ) : (
              <Typography.Text type="secondary">{t('ratingForm.noReason')}</Typography.Text>
            ),
        },
        {
          title: t('ratings.total'),
          dataIndex: 'total',
          align: 'right',
          sorter: (a, b) => (a.total ?? -1) - (b.total ?? -1),
          render: (v: number | null) => (v === null ? '—' : num(v)),
        },
        ...own.map((c) => ({
          title: (
            <span title={c.name}>
              {c.code === 'development' ? t('ratings.development') : c.name} ({num(c.maxPoints)})
            </span>
          ),
          key: c.code,
          align: 'right' as const,
          // Criterion names are sentences: a narrow column with the whole name on hover.
          width: 130,
          ellipsis: { showTitle: false },
          render: (_: unknown, item: RatedItem) => {
            const score = item.scores[c.code];
            const proposed = item.proposed[c.code];
            return (
              <>
                {num(score ?? null)}
                {proposed !== undefined && (
                  <div>
                    <Tag
                      color={score !== undefined && score !== proposed ? 'orange' : 'default'}
                      data-testid="proposed"
                    >
                      {t('ratings.proposed', { n: num(proposed) })}
                    </Tag>
                  </div>
                )}
              </>
            );
          },
        })),
      ]}
    />
  );
}

/** Quality ratings by organization (and member) with level tags and the proposed score. */
export function RatingsView({ r }: { r: RatingsReport }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const levels = (byLevel: Record<RatingLevel, number>) => (
    <Space wrap>
      {(Object.keys(LEVEL_COLORS) as RatingLevel[]).map((l) => (
        <Tag key={l} color={LEVEL_COLORS[l]}>
          {t(`ratings.levels.${l}`)}: {num(byLevel[l])}
        </Tag>
      ))}
    </Space>
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('ratings.period')}>
              {r.quarter
                ? t('ratings.quarter', { quarter: r.quarter, year: r.year })
                : t('ratings.year', { year: r.year })}{' '}
              ({day(r.from)} – {day(r.to)})
            </Descriptions.Item>
            <Descriptions.Item label={t('ratings.scheme')}>
              {r.scheme
                ? r.scheme.scale === 'grades'
                  ? `${r.scheme.name}`
                  : `${r.scheme.name}: ${t('ratings.thresholds', {
                      excellent: r.scheme.excellentMin,
                      good: r.scheme.goodMin,
                      completed: r.scheme.completedMin,
                    })}`
                : '—'}
            </Descriptions.Item>
          </Descriptions>
          {can('write') && (
            <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 8 }}>
              {t('ratingForm.open')}
            </Button>
          )}
          <Drawer
            open={open}
            onClose={() => setOpen(false)}
            width={760}
            title={t('ratingForm.title')}
            destroyOnHidden
          >
            <RatingForm org={r.organization.code} year={r.year} quarter={r.quarter ?? undefined} />
          </Drawer>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('ratings.proposedNote')}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          size="small"
          title={t('ratings.organizations', { n: num(r.organizations.total) })}
          extra={levels(r.organizations.byLevel)}
        >
          <RatedTable items={r.organizations.items} criteria={r.criteria} subject="organization" />
        </Card>
      </Col>
      {r.members.total > 0 && (
        <Col xs={24}>
          <Card
            size="small"
            title={t('ratings.members', { n: num(r.members.total) })}
            extra={levels(r.members.byLevel)}
          >
            <RatedTable items={r.members.items} criteria={r.criteria} subject="member" />
          </Card>
        </Col>
      )}
    </Row>
  );
}

type PipelineRow = PipelineReport['byOrganization'][number];

/** Candidates per stage and organization, time per stage, overdue items highlighted. */
export function PipelineView({ r }: { r: PipelineReport }) {
  const { t } = useTranslation();
  const stages = BOARD_STAGES.filter((s) => s in r.byStage);
  const overdueKinds = Object.entries(r.overdue).filter(([, n]) => n > 0);
  const totals: PipelineRow = {
    code: '',
    name: t('reports.total'),
    total: r.total,
    byStage: r.byStage,
    overdue: r.byOrganization.reduce((sum, o) => sum + o.overdue, 0),
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small" title={t('pipelineReport.overdue', { date: day(r.asOf) })}>
          {overdueKinds.length === 0 ? (
            <EmptyState description={t('dashboard.noAlerts')} />
          ) : (
            <Space wrap>
              {overdueKinds.map(([kind, n]) => (
                <Tag key={kind} color={kind === 'probation_ending' ? 'orange' : 'red'}>
                  {t(`alerts.${kind}`)}: {num(n)}
                </Tag>
              ))}
            </Space>
          )}
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          size="small"
          title={t('pipelineReport.byStage', { n: num(r.total), date: day(r.asOf) })}
        >
          <Table<PipelineRow>
            size="small"
            rowKey={(row) => row.code || 'total'}
            dataSource={r.byOrganization}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowClassName={(row) => (row.overdue > 0 ? 'row-overdue' : '')}
            summary={() => (
              <Table.Summary fixed>
                <Table.Summary.Row className="row-total">
                  <Table.Summary.Cell index={0}>
                    <strong>{totals.name}</strong>
                  </Table.Summary.Cell>
                  {stages.map((s, i) => (
                    <Table.Summary.Cell key={s} index={i + 1} align="right">
                      <strong>{num(r.byStage[s] ?? 0)}</strong>
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={stages.length + 1} align="right">
                    <strong>{num(totals.total)}</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={stages.length + 2} align="right">
                    <strong>{num(totals.overdue)}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('pipelineReport.median')}</Table.Summary.Cell>
                  {stages.map((s, i) => (
                    <Table.Summary.Cell key={s} index={i + 1} align="right">
                      {num(r.medianDaysInStage[s] ?? null)}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={stages.length + 1} colSpan={2} />
                </Table.Summary.Row>
              </Table.Summary>
            )}
            columns={[
              {
                title: t('members.organization'),
                dataIndex: 'name',
                fixed: 'left',
                render: (name: string, row) => (
                  <Link to={`/pipeline?org=${encodeURIComponent(row.code)}`}>{name}</Link>
                ),
              },
              ...stages.map((s) => ({
                title: t(`stages.${s}`),
                key: s,
                align: 'right' as const,
                render: (_: unknown, row: PipelineRow) => {
                  const n = row.byStage[s] ?? 0;
                  return n === 0 ? <span className="muted">0</span> : num(n);
                },
              })),
              {
                title: t('reports.total'),
                dataIndex: 'total',
                align: 'right',
                render: (v: number) => <strong>{num(v)}</strong>,
              },
              {
                title: t('pipelineReport.overdueColumn'),
                dataIndex: 'overdue',
                align: 'right',
                render: (v: number) =>
                  v > 0 ? (
                    <Tag color="red" data-testid="overdue-cell">
                      {num(v)}
                    </Tag>
                  ) : (
                    <span className="muted">0</span>
                  ),
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('pipelineReport.medianNote', { from: day(r.medianFrom), to: day(r.asOf) })}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
