/**
 * Shows any report answer the screens have no dedicated view for: scalar figures as a table, each
 * list of records as its own table, nested objects as sections. Reports added on the server
 * appear without a new screen.
 */
import { Card, Descriptions, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/dates.ts';
import { num } from '../../components/format.ts';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function cell(value: Json): string {
  if (value === null) return '—';
  if (typeof value === 'number') return num(value, Number.isInteger(value) ? 0 : 1);
  if (typeof value === 'boolean') return value ? '✓' : '—';
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
  if (Array.isArray(value)) return value.map(cell).join(', ');
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${cell(v)}`)
    .join('; ');
}

function isRecordList(value: Json): value is { [key: string]: Json }[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))
  );
}

function Section({ title, value }: { title: string; value: { [key: string]: Json } }) {
  const { t } = useTranslation();
  const scalars = Object.entries(value).filter(
    ([, v]) => v === null || typeof v !== 'object' || (Array.isArray(v) && !isRecordList(v)),
  );
  const lists = Object.entries(value).filter(([, v]) => isRecordList(v)) as [
    string,
    { [key: string]: Json }[],
  ][];
  const objects = Object.entries(value).filter(
    ([, v]) => v !== null && typeof v === 'object' && !Array.isArray(v),
  ) as [string, { [key: string]: Json }][];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {scalars.length > 0 && (
        <Card size="small" title={title || undefined}>
          <Descriptions column={1} size="small" bordered>
            {scalars.map(([k, v]) => (
              <Descriptions.Item key={k} label={t(`reports.${k}`, { defaultValue: k })}>
                {cell(v)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
      {objects.map(([k, v]) => (
        <Section key={k} title={t(`reports.${k}`, { defaultValue: k })} value={v} />
      ))}
      {lists.map(([k, rows]) => {
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        return (
          <Card key={k} size="small" title={t(`reports.${k}`, { defaultValue: k })}>
            <Table
              size="small"
              pagination={rows.length > 50 ? { pageSize: 50 } : false}
              rowKey={(_, i) => String(i)}
              dataSource={rows}
              scroll={{ x: 'max-content' }}
              columns={columns.map((c) => ({
                title: t(`reports.${c}`, { defaultValue: c }),
                dataIndex: c,
                render: (v: Json) => cell(v),
              }))}
            />
          </Card>
        );
      })}
    </Space>
  );
}

/** Renders a report answer generically. */
export function GenericReport({ data }: { data: unknown }) {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return <pre>{JSON.stringify(data, null, 2)}</pre>;
  return <Section title="" value={data as { [key: string]: Json }} />;
}
