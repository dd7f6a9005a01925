/**
 * "Văn bản quy định": the Party texts the pipeline is judged by and documents cite, each dated
 * (signed, in force from, replaced by). The texts in force today are highlighted; an
 * administrator adds a new text (a later guidance or forms guidance) without a release.
 */
import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/States.tsx';
import { day } from '../../components/format.ts';
import { todayIso } from '../../components/scope.ts';
import { foldText } from '../../../shared/text.ts';
import {
  REGULATION_GOVERNS,
  type RegulationGoverns,
  type RegulationInput,
  type RegulationItem,
  type RegulationList,
} from '../../../shared/regulations.ts';
import { useSession } from '../session/session.tsx';

/** Whether a text applies on a date (the server's rule, regulations.rules.ts isInForce). */
function inForce(item: RegulationItem, on: string): boolean {
  return item.effectiveFrom <= on && (item.replacedFrom === null || item.replacedFrom > on);
}

function keyOf(item: { number: string; signedOn: string }): string {
  return `${item.number}|${item.signedOn}`;
}

/** The state of a text today, as one tag. */
function StateTag({ item, today }: { item: RegulationItem; today: string }) {
  const { t } = useTranslation();
  if (inForce(item, today)) return <Tag color="green">{t('regulations.state.inForce')}</Tag>;
  if (item.effectiveFrom > today) return <Tag color="blue">{t('regulations.state.future')}</Tag>;
  return <Tag>{t('regulations.state.replaced')}</Tag>;
}

type AddValues = {
  number: string;
  title: string;
  issuer: string;
  signedOn: string;
  effectiveFrom: string;
  governs: RegulationGoverns;
  replaces?: string;
  source?: string;
  confirmed: boolean;
  note?: string;
  reason: string;
};

const FORM_FIELDS = [
  'number',
  'title',
  'issuer',
  'signedOn',
  'effectiveFrom',
  'governs',
  'replaces',
  'source',
  'note',
  'reason',
];

/** Puts a refusal's field errors on the form's fields; answers the ones no field shows. */
function showRefusal(form: FormInstance, error: unknown, en: boolean): string[] {
  const problem =
    error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []);
  const byField = new Map<string, string[]>();
  const unplaced: string[] = [];
  for (const e of problem.errors) {
    const text = en && e.messageEn ? e.messageEn : e.message;
    const field = e.field.split('.')[0] ?? e.field;
    if (FORM_FIELDS.includes(field)) byField.set(field, [...(byField.get(field) ?? []), text]);
    else unplaced.push(text);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size === 0 ? [problem.message, ...unplaced] : unplaced;
}

/** A date picker as a form control (value and onChange come from Form.Item). */
function FormDate({
  id,
  label,
  value,
  onChange,
}: {
  id?: string;
  label: string;
  value?: string;
  onChange?: (iso: string | undefined) => void;
}) {
  return <DateField id={id ?? label} label={label} value={value} onChange={(v) => onChange?.(v)} />;
}

/** The form that adds a text (administrators). */
function AddRegulationModal({
  open,
  onClose,
  register,
}: {
  open: boolean;
  onClose: () => void;
  register: readonly RegulationItem[];
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<AddValues>();
  const [problems, setProblems] = useState<string[]>([]);
  const governs = Form.useWatch('governs', form);
  const replaceable = register.filter((r) => r.governs === governs && r.replacedBy === null);
  const mutation = useMutation({
    mutationFn: (values: AddValues) => {
      const replaced = register.find((r) => keyOf(r) === values.replaces);
      const body: RegulationInput = {
        number: values.number,
        title: values.title,
        issuer: values.issuer,
        signedOn: values.signedOn,
        effectiveFrom: values.effectiveFrom,
        governs: values.governs,
        replaces: replaced ? { number: replaced.number, signedOn: replaced.signedOn } : null,
        source: values.source?.trim() || null,
        confirmed: values.confirmed,
        note: values.note ?? '',
        reason: values.reason,
      };
      return apiSend<RegulationItem>('POST', '/regulations', body);
    },
    onSuccess: (added) => {
      void client.invalidateQueries({ queryKey: ['regulations'] });
      void message.success(t('regulations.added', { number: added.number }));
      form.resetFields();
      setProblems([]);
      onClose();
    },
    onError: (error) => setProblems(showRefusal(form, error, i18n.language === 'en')),
  });
  const required = [{ required: true, message: t('regulations.required') }];
  return (
    <Modal
      open={open}
      title={t('regulations.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('regulations.addOk')}
      cancelText={t('regulations.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={640}
    >
      {problems.length > 0 && (
        <Alert type="error" showIcon title={problems.join(' · ')} style={{ marginBottom: 12 }} />
      )}
      <Typography.Paragraph type="secondary">{t('regulations.addHelp')}</Typography.Paragraph>
      <Form<AddValues>
        form={form}
        name="addRegulation"
        layout="vertical"
        initialValues={{ governs: 'forms', confirmed: true }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Space wrap align="start">
          <Form.Item name="number" label={t('regulations.number')} rules={required}>
            <Input placeholder="07-HD/BTCTW" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="governs" label={t('regulations.governs')} rules={required}>
            <Select
              style={{ width: 300 }}
              options={REGULATION_GOVERNS.map((g) => ({
                value: g,
                label: t(`regulations.kinds.${g}`),
              }))}
              onChange={() => form.setFieldValue('replaces', undefined)}
            />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('regulations.title')} rules={required}>
          <Input placeholder={t('regulations.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="issuer" label={t('regulations.issuer')} rules={required}>
          <Input placeholder="Ban Tổ chức Trung ương" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="signedOn" label={t('regulations.signedOn')} rules={required}>
            <FormDate id="signedOn" label={t('regulations.signedOn')} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('regulations.effectiveFrom')} rules={required}>
            <FormDate id="effectiveFrom" label={t('regulations.effectiveFrom')} />
          </Form.Item>
        </Space>
        <Form.Item
          name="replaces"
          label={t('regulations.replaces')}
          extra={t('regulations.replacesHelp')}
        >
          <Select
            allowClear
            placeholder={t('regulations.replacesNone')}
            options={replaceable.map((r) => ({
              value: keyOf(r),
              label: `${r.number} (${day(r.signedOn)}) — ${r.title}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="source" label={t('regulations.source')}>
          <Input placeholder="https://…" />
        </Form.Item>
        <Form.Item name="confirmed" valuePropName="checked">
          <Checkbox>{t('regulations.confirmedBox')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('regulations.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="reason" label={t('regulations.reason')} rules={required}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The regulations register screen. */
export default function RegulationsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const today = todayIso();
  const [kind, setKind] = useState<RegulationGoverns | 'all'>('all');
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: ['regulations'],
    queryFn: () => apiGet<RegulationList>('/regulations'),
  });
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const shown = useMemo(() => {
    const q = foldText(search.trim());
    return items.filter(
      (r) =>
        (kind === 'all' || r.governs === kind) &&
        (!q || foldText(`${r.number} ${r.title} ${r.issuer}`).includes(q)),
    );
  }, [items, kind, search]);
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('regulations.pageTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('regulations.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('regulations.filterKind')}
          style={{ width: 320 }}
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: t('regulations.allKinds') },
            ...REGULATION_GOVERNS.map((g) => ({ value: g, label: t(`regulations.kinds.${g}`) })),
          ]}
        />
        <Input.Search
          aria-label={t('regulations.search')}
          placeholder={t('regulations.search')}
          allowClear
          style={{ width: 320 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        {can('configure') && (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="regulation-add">
            {t('regulations.add')}
          </Button>
        )}
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<RegulationItem>
          rowKey={keyOf}
          size="small"
          loading={list.isPending}
          dataSource={shown}
          pagination={false}
          rowClassName={(r) => (inForce(r, today) ? 'regulation-in-force' : '')}
          columns={[
            {
              title: t('regulations.number'),
              key: 'number',
              width: 120,
              render: (_, r) => <strong>{r.number}</strong>,
            },
            {
              title: t('regulations.title'),
              key: 'title',
              render: (_, r) => (
                <div>
                  <div>{r.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.issuer}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('regulations.governs'),
              key: 'governs',
              width: 160,
              render: (_, r) => t(`regulations.kinds.${r.governs}`),
            },
            {
              title: t('regulations.signedOn'),
              key: 'signedOn',
              width: 95,
              render: (_, r) => day(r.signedOn),
            },
            {
              title: t('regulations.effectiveFrom'),
              key: 'effectiveFrom',
              width: 95,
              render: (_, r) => day(r.effectiveFrom),
            },
            {
              title: t('regulations.replacedBy'),
              key: 'replacedBy',
              width: 135,
              render: (_, r) =>
                r.replacedBy ? (
                  <span>
                    {r.replacedBy}
                    <br />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('regulations.from', { date: day(r.replacedFrom) })}
                    </Typography.Text>
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              title: t('regulations.state.title'),
              key: 'state',
              width: 125,
              render: (_, r) => <StateTag item={r} today={today} />,
            },
            {
              title: t('regulations.confirmed'),
              key: 'confirmed',
              width: 110,
              render: (_, r) => (
                <Tooltip title={r.note}>
                  {r.confirmed ? (
                    <Tag color="green">{t('regulations.confirmedYes')}</Tag>
                  ) : (
                    <Tag color="gold">{t('regulations.confirmedNo')}</Tag>
                  )}
                  {r.source && (
                    <a href={r.source} target="_blank" rel="noreferrer">
                      {t('regulations.sourceLink')}
                    </a>
                  )}
                </Tooltip>
              ),
            },
          ]}
        />
      )}
      <AddRegulationModal open={adding} onClose={() => setAdding(false)} register={items} />
    </div>
  );
}
