/**
 * Reports of SPEC §5 on screen, with XLSX/DOCX downloads when this server offers them (read from
 * the OpenAPI document's `format` parameter) and a print layout (print CSS hides the chrome).
 */
import { useMemo, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../../shared/enums.ts';
import { apiGet, apiUrl, type QueryValues } from '../../api/client.ts';
import { useOpenApi } from '../../api/hooks.ts';
import type {
  PipelineReport,
  RatingsReport,
  ResolutionReport,
  SectorReport,
  StatisticsReport,
  SummaryReport,
  TrendReport,
} from '../../api/types.ts';
import { DateField } from '../../components/DateField.tsx';
import { Loading, QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch, yearEnd } from '../../components/scope.ts';
import { day, num, pct } from '../../components/format.ts';
import { GenericReport } from './GenericReport.tsx';
import { PipelineView, RatingsView, ResolutionView, TrendView } from './ReportViews.tsx';
import { ageBandRange, membersHref } from '../../components/links.ts';

/** Reports in the order of SPEC §5, then any other report the server lists. */
const KNOWN = ['summary', 'statistics', 'pipeline', 'sector', 'resolution', 'ratings', 'trend'];

/** Which query parameters each report reads. */
function queryOf(
  name: string,
  org: string | undefined,
  year: number,
  asOf: string,
  sector: string,
): QueryValues {
  if (name === 'statistics' || name === 'pipeline') return { org, asOf };
  if (name === 'sector') return { org, asOf, sector };
  if (name === 'resolution') return { org, asOf };
  return { org, year };
}

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
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Card size="small" title={t('reports.prose')}>
          <p className="prose" data-testid="summary-prose">
            {r.text}
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

/** Download links for the formats the OpenAPI document lists for this report. */
function Downloads({ name, query }: { name: string; query: QueryValues }) {
  const { t } = useTranslation();
  const openApi = useOpenApi();
  const formats = useMemo(() => {
    const get = openApi.data?.paths[`/api/v1/reports/${name}`]?.get as
      { parameters?: { name: string; schema?: { enum?: string[] } }[] } | undefined;
    return get?.parameters?.find((p) => p.name === 'format')?.schema?.enum ?? [];
  }, [openApi.data, name]);
  const links: ReactNode[] = [];
  if (formats.includes('xlsx'))
    links.push(
      <Button
        key="xlsx"
        href={apiUrl(`/reports/${name}`, { ...query, format: 'xlsx' })}
        data-testid="download-xlsx"
      >
        {t('reports.downloadXlsx')}
      </Button>,
    );
  if (formats.includes('docx'))
    links.push(
      <Button
        key="docx"
        href={apiUrl(`/reports/${name}`, { ...query, format: 'docx' })}
        data-testid="download-docx"
      >
        {t('reports.downloadDocx')}
      </Button>,
    );
  if (openApi.isPending) return null;
  if (links.length === 0)
    return <Typography.Text type="secondary">{t('reports.noDownloads')}</Typography.Text>;
  return <>{links}</>;
}

function ReportBody({ name, query }: { name: string; query: QueryValues }) {
  const report = useQuery({
    queryKey: ['reports', name, query],
    queryFn: () => apiGet<unknown>(`/reports/${name}`, query),
  });
  return (
    <QueryView query={report}>
      {(data) =>
        name === 'summary' ? (
          <SummaryView r={data as SummaryReport} />
        ) : name === 'statistics' ? (
          <StatisticsView r={data as StatisticsReport} />
        ) : name === 'sector' ? (
          <SectorView r={data as SectorReport} />
        ) : name === 'resolution' ? (
          <ResolutionView r={data as ResolutionReport} />
        ) : name === 'ratings' ? (
          <RatingsView r={data as RatingsReport} />
        ) : name === 'trend' ? (
          <TrendView r={data as TrendReport} />
        ) : name === 'pipeline' ? (
          <PipelineView r={data as PipelineReport} />
        ) : (
          <GenericReport data={data} />
        )
      }
    </QueryView>
  );
}

/** The reports screen: a tab per report the server offers. */
export default function ReportsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search = useScopeSearch();
  const { name = 'summary' } = useParams();
  const [params, setParams] = useSearchParams();
  const { org, year } = useScope();
  const asOf = params.get('asOf') ?? yearEnd(year);
  const sector = params.get('sector') ?? 'education';
  const openApi = useOpenApi();
  const names = useMemo(() => {
    const offered = Object.keys(openApi.data?.paths ?? {})
      .filter((p) => p.startsWith('/api/v1/reports/'))
      .map((p) => p.slice('/api/v1/reports/'.length))
      .filter((n) => !n.includes('/') && !n.includes('{'));
    return [
      ...KNOWN.filter((n) => offered.includes(n)),
      ...offered.filter((n) => !KNOWN.includes(n)),
    ];
  }, [openApi.data]);
  if (openApi.isPending) return <Loading />;
  const query = queryOf(name, org, year, asOf, sector);
  const setParam = (key: string, value: string | undefined) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value) copy.set(key, value);
      else copy.delete(key);
      return copy;
    });
  const title = t(`reports.${name}`, { defaultValue: name });
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
        items={(names.length ? names : ['summary']).map((n) => ({
          key: n,
          label: t(`reports.${n}`, { defaultValue: n }),
        }))}
      />
      <Space wrap className="no-print" style={{ marginBottom: 16 }}>
        {(name === 'statistics' ||
          name === 'sector' ||
          name === 'pipeline' ||
          name === 'resolution') && (
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
        {name === 'sector' && (
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
