/**
 * Reports of SPEC §5 on screen, one view per report of the shared catalog (src/shared/reports.ts),
 * with XLSX/DOCX downloads and a print layout (print CSS hides the chrome).
 */
import type { ComponentType } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../../shared/enums.ts';
import {
  EXPORT_FORMATS,
  REPORT_CATALOG,
  REPORT_NAMES,
  isReportName,
  reportQueryOf,
  readsDate,
  type ReportAnswers,
  type ReportName,
} from '../../../shared/reports.ts';
import { apiGet, apiUrl, type QueryValues } from '../../api/client.ts';
import type { SectorReport, StatisticsReport, SummaryReport } from '../../api/types.ts';
import { DateField } from '../../components/DateField.tsx';
import { NotFoundPage, QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch, yearEnd } from '../../components/scope.ts';
import { day, num, pct } from '../../components/format.ts';
import { PipelineView, RatingsView, ResolutionView, TrendView } from './ReportViews.tsx';
import { ageBandRange, membersHref } from '../../components/links.ts';

function Breakdown({
  title,
  data,
  label,
  linkOf,
}: {
  title: string;
  data: Record<string, number>;
  label?: (k: string) => string;
  /** The list behind a row's figure, when there is one. */
  linkOf?: (k: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const rows = Object.entries(data).map(([key, value]) => ({ key, value }));
  return (
    <Card size="small" title={title}>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('state.empty') }}
        columns={[
          {
            title: t('reports.figure'),
            dataIndex: 'key',
            render: (k: string) => (label ? label(k) : k),
          },
          {
            title: t('reports.value'),
            dataIndex: 'value',
            align: 'right',
            render: (v: number, row) => {
              const href = linkOf?.(row.key);
              return href ? <Link to={href}>{num(v)}</Link> : num(v);
            },
          },
        ]}
      />
    </Card>
  );
}

function SummaryView({ r }: { r: SummaryReport }) {
  const { t, i18n } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small" title={t('reports.prose')}>
          <p className="prose" data-testid="summary-prose">
            {i18n.language.startsWith('en') ? r.textEn : r.text}
          </p>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Breakdown
          title={`${t('reports.summary')} (${day(r.from)} – ${day(r.to)})`}
          data={{
            [t('dashboard.membersAtStart')]: r.membersAtStart,
            [t('dashboard.membersAtEnd')]: r.membersAtEnd,
            [t('dashboard.netChange')]: r.netChange,
            [t('reports.admissions')]: r.admissions,
            ...(r.plannedAdmissions !== null
              ? { [t('reports.plannedAdmissions')]: r.plannedAdmissions }
              : {}),
          }}
        />
        {r.planPercent !== null && (
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {t('dashboard.ofPlan', { percent: pct(r.planPercent) })}
          </Typography.Paragraph>
        )}
      </Col>
      <Col xs={24} lg={14}>
        <Breakdown
          title={t('reports.byTargetGroup')}
          data={r.admissionsByTargetGroup}
          label={(k) => t(`enums.targetGroup.${k}`, { defaultValue: k })}
        />
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('reports.byOrganization')}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={r.admissionsByOrganization}
            scroll={{ x: 560 }}
            columns={[
              { title: t('members.organization'), dataIndex: 'name' },
              {
                title: t('reports.members'),
                dataIndex: 'members',
                align: 'right',
                render: (v: number) => num(v),
              },
              {
                title: t('reports.admissions'),
                dataIndex: 'admissions',
                align: 'right',
                render: (v: number) => num(v),
              },
              {
                title: t('reports.plannedAdmissions'),
                dataIndex: 'plannedAdmissions',
                align: 'right',
                render: (v: number | null) => num(v),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Breakdown
          title={t('reports.unitsWithoutMembers')}
          data={r.unitsWithoutMembers}
          label={(k) => t(`units.${k}`, { defaultValue: k })}
        />
      </Col>
      <Col xs={24} md={12}>
        <Breakdown
          title={t('reports.unitsWithoutCell')}
          data={r.unitsWithoutCell}
          label={(k) => t(`units.${k}`, { defaultValue: k })}
        />
      </Col>
    </Row>
  );
}

function StatisticsView({ r }: { r: StatisticsReport }) {
  const { t } = useTranslation();
  const base = { org: r.organization.code, asOf: r.asOf };
  const total = {
    [t('reports.total')]: membersHref(base),
    [t('statuses.official')]: membersHref({ ...base, status: 'official' }),
    [t('statuses.probationary')]: membersHref({ ...base, status: 'probationary' }),
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Breakdown
          title={`${t('reports.total')} (${day(r.asOf)})`}
          data={{
            [t('reports.total')]: r.members,
            [t('statuses.official')]: r.official,
            [t('statuses.probationary')]: r.probationary,
          }}
          linkOf={(k) => total[k]}
        />
      </Col>
      <Col xs={24} md={8}>
        <Breakdown
          title={t('reports.byGender')}
          data={r.byGender}
          label={(k) => t(`people.${k}`, { defaultValue: k })}
          linkOf={(k) => membersHref({ ...base, gender: k })}
        />
      </Col>
      <Col xs={24} md={8}>
        <Breakdown
          title={t('reports.byAgeBand')}
          data={r.byAgeBand}
          linkOf={(k) => {
            const range = ageBandRange(k);
            return range ? membersHref({ ...base, ...range }) : undefined;
          }}
        />
      </Col>
      <Col xs={24} md={8}>
        <Breakdown
          title={t('reports.byEthnicity')}
          data={r.byEthnicity}
          linkOf={(k) => membersHref({ ...base, ethnicity: k })}
        />
      </Col>
      <Col xs={24} md={8}>
        <Breakdown
          title={t('reports.byEducation')}
          data={r.byEducation}
          label={(k) => t(`enums.education.${k}`, { defaultValue: k })}
        />
      </Col>
      <Col xs={24} md={8}>
        <Breakdown
          title={t('people.targetGroups')}
          data={r.byTargetGroup}
          label={(k) => t(`enums.targetGroup.${k}`, { defaultValue: k })}
          linkOf={(k) => membersHref({ ...base, targetGroup: k })}
        />
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('reports.byOrganization')}>
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={r.byOrganization}
            scroll={{ x: 560 }}
            columns={[
              { title: t('members.organization'), dataIndex: 'name' },
              {
                title: t('reports.members'),
                dataIndex: 'members',
                align: 'right',
                render: (v: number) => num(v),
              },
              {
                title: t('statuses.official'),
                dataIndex: 'official',
                align: 'right',
                render: (v: number) => num(v),
              },
              {
                title: t('statuses.probationary'),
                dataIndex: 'probationary',
                align: 'right',
                render: (v: number) => num(v),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function SectorView({ r }: { r: SectorReport }) {
  const { t } = useTranslation();
  return (
    <Breakdown
      title={`${t(`enums.sector.${r.sector}`)} — ${day(r.asOf)}`}
      data={{
        [t('reports.cells')]: r.cells,
        [t('reports.combinedCells')]: r.combinedCells,
        [t('reports.members')]: r.members,
        [t('reports.staff')]: r.staff,
        [t('reports.fostered')]: r.candidatesFostered,
        ...(r.candidatesFosteredTarget !== null
          ? { [t('reports.fosteredTarget')]: r.candidatesFosteredTarget }
          : {}),
      }}
    />
  );
}

/** How each report of the catalog is drawn; a report missing here fails to compile. */
const VIEWS: { readonly [N in ReportName]: ComponentType<{ r: ReportAnswers[N] }> } = {
  summary: SummaryView,
  statistics: StatisticsView,
  pipeline: PipelineView,
  sector: SectorView,
  resolution: ResolutionView,
  ratings: RatingsView,
  trend: TrendView,
};

/** Download links for the report's XLSX and DOCX files (the formats of the shared catalog). */
function Downloads({ name, query }: { name: ReportName; query: QueryValues }) {
  const { t } = useTranslation();
  const labels = { xlsx: t('reports.downloadXlsx'), docx: t('reports.downloadDocx') } as const;
  return (
    <>
      {EXPORT_FORMATS.filter((f) => f === 'xlsx' || f === 'docx').map((format) => (
        <Button
          key={format}
          href={apiUrl(`/reports/${name}`, { ...query, format })}
          data-testid={`download-${format}`}
        >
          {labels[format]}
        </Button>
      ))}
    </>
  );
}

function ReportBody<N extends ReportName>({ name, query }: { name: N; query: QueryValues }) {
  const report = useQuery({
    queryKey: ['reports', name, query],
    queryFn: () => apiGet<ReportAnswers[N]>(`/reports/${name}`, query),
  });
  const View: ComponentType<{ r: ReportAnswers[N] }> = VIEWS[name];
  return <QueryView query={report}>{(data) => <View r={data} />}</QueryView>;
}

/** The reports screen: a tab per report the server offers. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useScopeSearch();
  const { name: param = 'summary' } = useParams();
  const [params, setParams] = useSearchParams();
  const { org, year } = useScope();
  const asOf = params.get('asOf') ?? yearEnd(year);
  const sector = params.get('sector') ?? 'education';
  if (!isReportName(param)) return <NotFoundPage />;
  const name = param;
  const query = reportQueryOf(name, { org, year, asOf, sector });
  const setParam = (key: string, value: string | undefined) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value) copy.set(key, value);
      else copy.delete(key);
      return copy;
    });
  const title = t(`reports.${name}`, { defaultValue: REPORT_CATALOG[name].title });
  return (
    <>
      <div className="print-only">
        <Typography.Title level={3}>{title}</Typography.Title>
        <Typography.Text>{t('reports.printedOn', { date: day(todayIso()) })}</Typography.Text>
      </div>
      <Typography.Title level={2} style={{ marginTop: 0 }} className="no-print">
        {t('reports.title')}
      </Typography.Title>
      <Tabs
        activeKey={name}
        onChange={(key) => void navigate(`/reports/${key}${search}`)}
        items={REPORT_NAMES.map((n) => ({
          key: n,
          label: t(`reports.${n}`, { defaultValue: REPORT_CATALOG[n].title }),
        }))}
      />
      <Space wrap className="no-print" style={{ marginBottom: 16 }}>
        {readsDate(name) && (
          <>
            <label htmlFor="report-as-of" className="field-label">
              {t('reports.asOf')}
            </label>
            <DateField
              id="report-as-of"
              label={t('reports.asOf')}
              value={asOf}
              onChange={(d) => setParam('asOf', d)}
            />
          </>
        )}
        {REPORT_CATALOG[name].reads === 'sector' && (
          <>
            <label htmlFor="report-sector" className="field-label">
              {t('reports.sectorPick')}
            </label>
            <Select
              id="report-sector"
              aria-label={t('reports.sectorPick')}
              value={sector}
              style={{ width: 200 }}
              onChange={(v: string) => setParam('sector', v)}
              options={SECTORS.map((s) => ({ value: s, label: t(`enums.sector.${s}`) }))}
            />
          </>
        )}
        <Downloads name={name} query={query} />
        <Button onClick={() => window.print()}>{t('reports.print')}</Button>
      </Space>
      <ReportBody name={name} query={query} />
    </>
  );
}
