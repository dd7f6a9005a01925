/** Search people as you type; accents and đ are optional (`giang a pao` finds Giàng A Páo). */
import { Link, useSearchParams } from 'react-router-dom';
import { Input, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { compareNames } from '../../../shared/text.ts';
import { apiGet } from '../../api/client.ts';
import type { Page, Person } from '../../api/types.ts';
import { ErrorState } from '../../components/States.tsx';
import { useScope } from '../../components/scope.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { day, num } from '../../components/format.ts';

/** The people search screen; the query is kept in the address (?q=). */
export default function PeoplePage() {
  const { t } = useTranslation();
  const { org } = useScope();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const settled = useDebounced(q.trim(), 250);
  const enabled = settled.length >= 2;
  const people = useQuery({
    queryKey: ['people', org, settled],
    queryFn: () => apiGet<Page<Person>>('/people', { q: settled, org, limit: 100 }),
    enabled,
    placeholderData: keepPreviousData,
  });
  const rows = [...(people.data?.items ?? [])].sort((a, b) => compareNames(a.fullName, b.fullName));
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('people.title')}
      </Typography.Title>
      <label htmlFor="people-q" className="field-label">
        {t('people.search')}
      </label>
      <Input.Search
        id="people-q"
        value={q}
        autoFocus
        allowClear
        size="large"
        placeholder="giang a pao"
        loading={enabled && people.isFetching}
        onChange={(e) =>
          setParams(
            (current) => {
              const copy = new URLSearchParams(current);
              if (e.target.value) copy.set('q', e.target.value);
              else copy.delete('q');
              return copy;
            },
            { replace: true },
          )
        }
        style={{ maxWidth: 520, display: 'block', margin: '8px 0 16px' }}
      />
      {!enabled ? (
        <Typography.Paragraph type="secondary">{t('people.hint')}</Typography.Paragraph>
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" aria-live="polite">
            {people.data ? t('people.results', { n: num(people.data.total) }) : t('state.loading')}
          </Typography.Paragraph>
          <Table<Person>
            rowKey="id"
            size="middle"
            loading={people.isPending}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('state.empty') }}
            columns={[
              {
                title: t('people.fullName'),
                dataIndex: 'fullName',
                render: (name: string, p) => <Link to={`/people/${p.id}`}>{name}</Link>,
              },
              { title: t('people.birthDate'), dataIndex: 'birthDate', render: day },
              {
                title: t('people.gender'),
                dataIndex: 'gender',
                render: (g: string) => t(`people.${g}`),
              },
              { title: t('people.ethnicity'), dataIndex: 'ethnicity' },
              { title: t('people.unit'), dataIndex: 'unitName' },
              {
                title: t('people.targetGroups'),
                dataIndex: 'targetGroups',
                render: (groups: string[]) =>
                  groups.map((g) => <Tag key={g}>{t(`enums.targetGroup.${g}`)}</Tag>),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
