/**
 * A year's targets per organization: the organization and its direct sub-organizations, with the
 * admissions achieved beside the admission target; officers edit a target and save it (the
 * server keeps the previous version, dated). "No data yet" when the plans API is not there.
 */
import { useState } from 'react';
import { App, Button, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import type { PlansAnswer } from '../../api/types.ts';
import { useSummary } from '../../api/hooks.ts';
import { QueryView } from '../../components/States.tsx';
import { useScope } from '../../components/scope.ts';
import { num } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';

const METRICS = ['admissions', 'candidates_fostered'] as const;

interface Row {
  code: string;
  name: string;
  target: number | null;
  actual: number | null;
}

/** The plans screen. */
export default function PlansPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { org, year } = useScope();
  const { can } = useSession();
  const client = useQueryClient();
  const [metric, setMetric] = useState<(typeof METRICS)[number]>('admissions');
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const plans = useQuery({
    queryKey: ['plans', org, year],
    queryFn: () => apiGet<PlansAnswer>('/plans', { org, year }),
    retry: false,
  });
  const summary = useSummary(org, year);
  const save = useMutation({
    mutationFn: (row: { code: string; target: number }) =>
      apiSend('PUT', '/plans', { organizationCode: row.code, year, metric, target: row.target }),
    onSuccess: (_, row) => {
      void message.success(t('plans.saved'));
      setEdits((e) => {
        const copy = { ...e };
        delete copy[row.code];
        return copy;
      });
      void client.invalidateQueries({ queryKey: ['plans'] });
      void client.invalidateQueries({ queryKey: ['reports'] });
    },
    onError: (error) => {
      void message.error(
        error instanceof ApiError
          ? [error.message, ...error.errors.map((e) => e.message)].join(' — ')
          : String(error),
      );
    },
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('plans.title', { year })}
      </Typography.Title>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="plan-metric" className="field-label">
          {t('plans.metric')}
        </label>
        <Select
          id="plan-metric"
          aria-label={t('plans.metric')}
          value={metric}
          style={{ width: 260 }}
          onChange={(v) => setMetric(v)}
          options={METRICS.map((m) => ({ value: m, label: t(`plans.metrics.${m}`) }))}
        />
      </Space>
      <QueryView query={plans}>
        {(data) => {
          const targetOf = (code: string) =>
            data.items.find(
              (i) => i.organizationCode === code && i.metric === metric && i.sector === null,
            )?.target ?? null;
          const actualOf = (code: string): number | null => {
            if (metric !== 'admissions' || !summary.data) return null;
            if (code === data.organization.code) return summary.data.admissions;
            return (
              summary.data.admissionsByOrganization.find((o) => o.code === code)?.admissions ?? null
            );
          };
          const rows: Row[] = [data.organization, ...data.children].map((o) => ({
            code: o.code,
            name: o.name,
            target: targetOf(o.code),
            actual: actualOf(o.code),
          }));
          return (
            <Table<Row>
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={rows}
              scroll={{ x: 640 }}
              columns={[
                { title: t('plans.organization'), dataIndex: 'name' },
                {
                  title: t('plans.actual'),
                  dataIndex: 'actual',
                  align: 'right',
                  render: (v: number | null) => num(v),
                },
                {
                  title: t('plans.target'),
                  dataIndex: 'target',
                  align: 'right',
                  render: (v: number | null, row) =>
                    can('write') ? (
                      <InputNumber
                        aria-label={`${t('plans.target')} — ${row.name}`}
                        min={0}
                        value={row.code in edits ? edits[row.code] : v}
                        onChange={(value) => setEdits((e) => ({ ...e, [row.code]: value }))}
                      />
                    ) : (
                      num(v)
                    ),
                },
                {
                  title: '',
                  render: (_: unknown, row) => {
                    const value = edits[row.code];
                    return can('write') &&
                      row.code in edits &&
                      value !== null &&
                      value !== undefined ? (
                      <Button
                        type="primary"
                        size="small"
                        loading={save.isPending}
                        onClick={() => save.mutate({ code: row.code, target: value })}
                      >
                        {t('plans.save')}
                      </Button>
                    ) : null;
                  },
                },
              ]}
            />
          );
        }}
      </QueryView>
    </>
  );
}
