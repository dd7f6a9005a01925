/**
 * Members of a subtree as of a date, in Vietnamese name order (the server sorts by given name,
 * then the rest); filters by organization, status and date live in the address.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Select, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEMBER_STATUSES } from '../../../shared/enums.ts';
import { apiGet } from '../../api/client.ts';
import type { MemberItem, Page } from '../../api/types.ts';
import { DateField } from '../../components/DateField.tsx';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { ErrorState } from '../../components/States.tsx';
import { todayIso } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';

const PAGE_SIZE = 50;

/** The members screen. */
export default function MembersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? undefined;
  const asOf = params.get('asOf') ?? todayIso();
  const status = params.get('status') ?? undefined;
  const [page, setPage] = useState(1);
  const members = useQuery({
    queryKey: ['members', org, asOf, status, page],
    queryFn: () =>
      apiGet<Page<MemberItem>>('/members', {
        org,
        asOf,
        status,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const update = (key: string, value: string | undefined) => {
    setPage(1);
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value) copy.set(key, value);
      else copy.delete(key);
      return copy;
    });
  };
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('members.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }} size="middle">
        <Space>
          <label htmlFor="members-org" className="field-label">
            {t('members.organization')}
          </label>
          <OrgPicker
            id="members-org"
            asOf={asOf}
            value={org}
            onChange={(code) => update('org', code)}
            width={300}
          />
        </Space>
        <Space>
          <label htmlFor="members-status" className="field-label">
            {t('members.status')}
          </label>
          <Select<string>
            id="members-status"
            aria-label={t('members.status')}
            style={{ width: 140 }}
            value={status ?? ''}
            onChange={(v) => update('status', v || undefined)}
            options={[
              { value: '', label: t('members.allStatuses') },
              ...MEMBER_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
            ]}
          />
        </Space>
        <Space>
          <label htmlFor="members-as-of" className="field-label">
            {t('members.asOf')}
          </label>
          <DateField
            id="members-as-of"
            label={t('members.asOf')}
            value={asOf}
            onChange={(d) => update('asOf', d)}
          />
        </Space>
      </Space>
      {members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" aria-live="polite">
            {members.data
              ? `${t('members.total', { n: num(members.data.total) })} — ${t('members.sortNote')}`
              : t('state.loading')}
          </Typography.Paragraph>
          <Table<MemberItem>
            rowKey="id"
            size="middle"
            loading={members.isFetching}
            dataSource={members.data?.items ?? []}
            scroll={{ x: 720 }}
            locale={{ emptyText: t('state.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: members.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={[
              {
                title: t('people.fullName'),
                dataIndex: 'fullName',
                render: (name: string, m) => <Link to={`/people/${m.personId}`}>{name}</Link>,
              },
              { title: t('members.organization'), dataIndex: 'organizationName' },
              {
                title: t('members.status'),
                dataIndex: 'status',
                render: (s: string) => t(`statuses.${s}`),
              },
              { title: t('members.admittedOn'), dataIndex: 'admittedOn', render: day },
              { title: t('members.officialOn'), dataIndex: 'officialOn', render: day },
            ]}
          />
        </>
      )}
    </>
  );
}
