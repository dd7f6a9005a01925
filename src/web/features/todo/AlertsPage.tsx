/**
 * The alerts screen: every pipeline alert of the scope as of a date, filtered by kind, one page
 * at a time (the server pages them), with the count of each kind and an XLSX export (audited).
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiUrl } from '../../api/client.ts';
import type { AlertItem } from '../../api/types.ts';
import { ALERT_KINDS, type AlertKind } from '../../../shared/pipeline.ts';
import { DateField } from '../../components/DateField.tsx';
import { QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';

const PAGE = 20;

interface AlertsAnswer {
  items: AlertItem[];
  total: number;
  byKind: Record<AlertKind, number>;
}

/** The alerts screen. */
export default function AlertsPage() {
  const { t } = useTranslation();
  const { org } = useScope();
  const search = useScopeSearch();
  const [kind, setKind] = useState<AlertKind | 'all'>('all');
  const [asOf, setAsOf] = useState<string | undefined>(todayIso());
  const [page, setPage] = useState(1);
  const filter = { org, asOf, ...(kind === 'all' ? {} : { kind }) };
  const alerts = useQuery({
    queryKey: ['alerts', 'page', org, asOf, kind, page],
    queryFn: () =>
      apiGet<AlertsAnswer>('/alerts', { ...filter, limit: PAGE, offset: (page - 1) * PAGE }),
    placeholderData: keepPreviousData,
  });
  const all = useQuery({
    queryKey: ['alerts', 'counts', org, asOf],
    queryFn: () => apiGet<AlertsAnswer>('/alerts', { org, asOf, limit: 1 }),
  });
  return (
    <>
      <div className="page-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('daily.alertsTitle')}
        </Typography.Title>
        <Space>
          <label htmlFor="alerts-as-of" className="field-label">
            {t('daily.asOf')}
          </label>
          <DateField
            id="alerts-as-of"
            label={t('daily.asOf')}
            value={asOf}
            onChange={(d) => {
              setAsOf(d);
              setPage(1);
            }}
          />
          <Button href={apiUrl('/alerts/export', filter)} download data-testid="alerts-export">
            {t('daily.export')}
          </Button>
        </Space>
      </div>
      <Space
        wrap
        size={[4, 8]}
        style={{ marginBottom: 12 }}
        role="group"
        aria-label={t('daily.kind')}
      >
        {(['all', ...ALERT_KINDS] as const).map((k) => (
          <Tag.CheckableTag
            key={k}
            checked={kind === k}
            data-testid={`alert-kind-${k}`}
            onChange={() => {
              setKind(k);
              setPage(1);
            }}
          >
            {k === 'all' ? t('daily.allKinds') : t(`alerts.${k}`)} (
            {num(k === 'all' ? (all.data?.total ?? 0) : (all.data?.byKind[k] ?? 0))})
          </Tag.CheckableTag>
        ))}
      </Space>
      <QueryView query={alerts}>
        {(data) => (
          <Table<AlertItem>
            size="small"
            rowKey={(a) => `${a.kind}-${a.candidateId}`}
            dataSource={data.items}
            loading={alerts.isFetching}
            data-testid="alerts-table"
            locale={{ emptyText: t('daily.noAlerts') }}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: data.total,
              showSizeChanger: false,
              onChange: setPage,
              showTotal: (n) => t('daily.alertsTotal', { n: num(n) }),
            }}
            columns={[
              {
                title: t('daily.kind'),
                render: (_: unknown, a) => (
                  <Tag color={a.daysOverdue > 0 ? 'red' : 'orange'}>{t(`alerts.${a.kind}`)}</Tag>
                ),
              },
              {
                title: t('daily.person'),
                render: (_: unknown, a) => (
                  <Link to={`/candidates/${a.candidateId}${search}`}>{a.person.fullName}</Link>
                ),
              },
              { title: t('daily.organization'), render: (_: unknown, a) => a.organization.name },
              { title: t('daily.stage'), render: (_: unknown, a) => t(`stages.${a.stage}`) },
              { title: t('daily.dueOn'), width: 110, render: (_: unknown, a) => day(a.dueOn) },
              {
                title: t('daily.daysOverdue'),
                width: 110,
                align: 'right',
                render: (_: unknown, a) => (a.daysOverdue > 0 ? num(a.daysOverdue) : '—'),
              },
            ]}
          />
        )}
      </QueryView>
    </>
  );
}
