/**
 * The dated kinds of area of a unit (mountain, border, island, ethnic-minority, hardship): the
 * lower education minimum of the guidance applies to people who live or work there. Pick a unit
 * of the organization, see its periods, date a new kind from a day or end one with a reason.
 */
import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { day } from '../../components/format.ts';
import { AREA_KINDS, type UnitAreaKinds } from '../../../shared/pipeline.ts';

const DATE_FORMAT = ['DD/MM/YYYY', 'D/M/YYYY', 'YYYY-MM-DD'];
const iso = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

type AddValues = { kind?: string; from?: Dayjs; reason?: string };
type EndValues = { on?: Dayjs; reason?: string };

/** The area-kind card of the tree screen, for an organization's units. */
export function UnitAreaKindsCard({
  org,
  asOf,
  editable,
}: {
  org: string;
  asOf: string;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<string | undefined>();
  const key = ['unit-area-kinds', unit];
  const kinds = useQuery({
    queryKey: key,
    enabled: unit !== undefined,
    queryFn: () => apiGet<UnitAreaKinds>(`/units/${encodeURIComponent(unit ?? '')}/area-kinds`),
  });
  return (
    <Card size="small" title={t('admissionCases.areaKinds')} style={{ marginTop: 16 }}>
      <UnitPicker
        id="area-unit"
        ariaLabel={t('people.unit')}
        org={org}
        asOf={asOf}
        value={unit}
        onChange={setUnit}
      />
      {unit && kinds.data && (
        <>
          <Table
            size="small"
            style={{ marginTop: 12 }}
            rowKey="id"
            pagination={false}
            dataSource={kinds.data.items}
            locale={{ emptyText: t('admissionCases.areaNone') }}
            columns={[
              { title: t('admissionCases.areaKind'), dataIndex: 'label' },
              { title: t('admissionCases.areaFrom'), dataIndex: 'validFrom', render: day },
              {
                title: t('admissionCases.areaTo'),
                dataIndex: 'validTo',
                render: (to: string | null) =>
                  to ? day(to) : <Tag color="green">{t('admissionCases.areaOpen')}</Tag>,
              },
              ...(editable
                ? [
                    {
                      title: '',
                      key: 'end',
                      render: (_: unknown, row: UnitAreaKinds['items'][number]) =>
                        row.validTo === null ? (
                          <EndKind unit={unit} kind={row.kind} queryKey={key} />
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
          {editable && <AddKind unit={unit} queryKey={key} />}
        </>
      )}
    </Card>
  );
}

function useWrite<V extends AddValues | EndValues>(queryKey: unknown[], form: FormInstance<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) =>
      apiSend<UnitAreaKinds>('POST', path, body),
    onSuccess: (data) => {
      client.setQueryData(queryKey, data);
      void message.success(t('admissionCases.areaSaved'));
      form.resetFields();
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return;
      const fields = error.errors.filter((e) => ['kind', 'from', 'on', 'reason'].includes(e.field));
      if (fields.length === 0) void message.error(error.message);
      form.setFields(fields.map((e) => ({ name: e.field as never, errors: [e.message] })));
    },
  });
}

function AddKind({ unit, queryKey }: { unit: string; queryKey: unknown[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  const write = useWrite(queryKey, form);
  return (
    <Form<AddValues>
      form={form}
      layout="inline"
      style={{ marginTop: 12, rowGap: 8 }}
      aria-label={t('admissionCases.areaAdd')}
      onFinish={(values) =>
        write.mutate({
          path: `/units/${encodeURIComponent(unit)}/area-kinds`,
          body: { kind: values.kind, from: iso(values.from), reason: values.reason || undefined },
        })
      }
    >
      <Form.Item name="kind" rules={[{ required: true, message: t('admissionCases.areaKind') }]}>
        <Select
          aria-label={t('admissionCases.areaKind')}
          placeholder={t('admissionCases.areaKind')}
          style={{ width: 230 }}
          options={AREA_KINDS.map((value) => ({
            value,
            label: t(`admissionCases.areaKindNames.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="from" rules={[{ required: true, message: t('admissionCases.areaFrom') }]}>
        <DatePicker
          format={DATE_FORMAT}
          placeholder={t('admissionCases.areaFrom')}
          aria-label={t('admissionCases.areaFrom')}
        />
      </Form.Item>
      <Form.Item name="reason">
        <Input
          placeholder={t('admissionCases.areaReason')}
          aria-label={t('admissionCases.areaReason')}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={write.isPending}>
        {t('admissionCases.areaAdd')}
      </Button>
    </Form>
  );
}

function EndKind({ unit, kind, queryKey }: { unit: string; kind: string; queryKey: unknown[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<EndValues>();
  const write = useWrite(queryKey, form);
  if (!open)
    return (
      <Button size="small" onClick={() => setOpen(true)}>
        {t('admissionCases.areaEnd')}
      </Button>
    );
  return (
    <Form<EndValues>
      form={form}
      layout="inline"
      onFinish={(values) =>
        write.mutate({
          path: `/units/${encodeURIComponent(unit)}/area-kinds/end`,
          body: { kind, on: iso(values.on), reason: values.reason },
        })
      }
    >
      <Space wrap size={4}>
        <Form.Item name="on" rules={[{ required: true, message: t('admissionCases.areaEndOn') }]}>
          <DatePicker
            size="small"
            format={DATE_FORMAT}
            placeholder={t('admissionCases.areaEndOn')}
            aria-label={t('admissionCases.areaEndOn')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          rules={[{ required: true, message: t('admissionCases.areaReason') }]}
        >
          <Input
            size="small"
            placeholder={t('admissionCases.areaReason')}
            aria-label={t('admissionCases.areaReason')}
          />
        </Form.Item>
        <Button size="small" htmlType="submit" loading={write.isPending}>
          {t('admissionCases.areaEnd')}
        </Button>
      </Space>
    </Form>
  );
}
