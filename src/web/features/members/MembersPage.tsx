/**
 * Members of a subtree as of a date, in Vietnamese name order (the server sorts by given name,
 * then the rest). Every filter lives in the address (org, asOf, status, gender, ethnicity,
 * targetGroup, ageMin, ageMax, q) so a figure elsewhere can open exactly the list behind it.
 */
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Input, InputNumber, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GENDERS, MEMBER_STATUSES, TARGET_GROUPS } from '../../../shared/enums.ts';
import { compareVietnamese } from '../../../shared/text.ts';
import { apiGet } from '../../api/client.ts';
import type { MemberItem, Page } from '../../api/types.ts';
import { useStatistics } from '../../api/hooks.ts';
import { DateField } from '../../components/DateField.tsx';
import { OrgPicker } from '../../components/OrgPicker.tsx';
import { ErrorState } from '../../components/States.tsx';
import { todayIso } from '../../components/scope.ts';
import { MEMBER_FILTER_KEYS } from '../../components/links.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { day, num } from '../../components/format.ts';

const PAGE_SIZE = 50;

function ageParam(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= 120 ? n : undefined;
}

/** A label and its control side by side. */
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <Space size="small">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children}
    </Space>
  );
}

/** The members screen. */
export default function MembersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? undefined;
  const asOf = params.get('asOf') ?? todayIso();
  const status = params.get('status') ?? undefined;
  const gender = params.get('gender') ?? undefined;
  const ethnicity = params.get('ethnicity') ?? undefined;
  const targetGroup = params.get('targetGroup') ?? undefined;
  const ageMin = ageParam(params.get('ageMin'));
  const ageMax = ageParam(params.get('ageMax'));
  const q = params.get('q') ?? '';
  const settledQ = useDebounced(q.trim(), 300);
  const [page, setPage] = useState(1);
  // The ethnicities present in this subtree on this date are the useful choices.
  const statistics = useStatistics(org, asOf);
  const ethnicities = Object.keys(statistics.data?.byEthnicity ?? {}).sort(compareVietnamese);
  if (ethnicity && !ethnicities.includes(ethnicity)) ethnicities.push(ethnicity);
  const filters = { org, asOf, status, gender, ethnicity, targetGroup, ageMin, ageMax };
  const members = useQuery({
    queryKey: ['members', filters, settledQ, page],
    queryFn: () =>
      apiGet<Page<MemberItem>>('/members', {
        ...filters,
        q: settledQ,
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const update = (key: string, value: string | number | undefined, replace = false) => {
    setPage(1);
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (value !== undefined && value !== '') copy.set(key, String(value));
        else copy.delete(key);
        return copy;
      },
      { replace },
    );
  };
  const filtered = MEMBER_FILTER_KEYS.some((k) => k !== 'org' && k !== 'asOf' && params.get(k));
  const clear = () => {
    setPage(1);
    setParams((current) => {
      const copy = new URLSearchParams(current);
      for (const key of MEMBER_FILTER_KEYS) if (key !== 'org' && key !== 'asOf') copy.delete(key);
      return copy;
    });
  };
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('members.title')}
      </Typography.Title>
      <div className="filters" role="search" aria-label={t('members.filters')}>
        <Field id="members-org" label={t('members.organization')}>
          <OrgPicker
            id="members-org"
            asOf={asOf}
            value={org}
            onChange={(code) => update('org', code)}
            width={300}
          />
        </Field>
        <Field id="members-as-of" label={t('members.asOf')}>
          <DateField
            id="members-as-of"
            label={t('members.asOf')}
            value={asOf}
            onChange={(d) => update('asOf', d)}
          />
        </Field>
        <Field id="members-q" label={t('members.name')}>
          <Input
            id="members-q"
            allowClear
            value={q}
            placeholder="giang a pao"
            style={{ width: 200 }}
            onChange={(e) => update('q', e.target.value, true)}
          />
        </Field>
        <Field id="members-status" label={t('members.status')}>
          <Select<string>
            id="members-status"
            aria-label={t('members.status')}
            style={{ width: 130 }}
            value={status ?? ''}
            onChange={(v) => update('status', v)}
            options={[
              { value: '', label: t('members.all') },
              ...MEMBER_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) })),
            ]}
          />
        </Field>
        <Field id="members-gender" label={t('people.gender')}>
          <Select<string>
            id="members-gender"
            aria-label={t('people.gender')}
            style={{ width: 110 }}
            value={gender ?? ''}
            onChange={(v) => update('gender', v)}
            options={[
              { value: '', label: t('members.all') },
              ...GENDERS.map((g) => ({ value: g, label: t(`people.${g}`) })),
            ]}
          />
        </Field>
        <Field id="members-ethnicity" label={t('people.ethnicity')}>
          <Select<string>
            id="members-ethnicity"
            aria-label={t('people.ethnicity')}
            style={{ width: 140 }}
            showSearch
            value={ethnicity ?? ''}
            onChange={(v) => update('ethnicity', v)}
            options={[
              { value: '', label: t('members.all') },
              ...ethnicities.map((e) => ({ value: e, label: e })),
            ]}
          />
        </Field>
        <Field id="members-target-group" label={t('people.targetGroups')}>
          <Select<string>
            id="members-target-group"
            aria-label={t('people.targetGroups')}
            style={{ width: 210 }}
            value={targetGroup ?? ''}
            onChange={(v) => update('targetGroup', v)}
            options={[
              { value: '', label: t('members.all') },
              ...TARGET_GROUPS.map((g) => ({ value: g, label: t(`enums.targetGroup.${g}`) })),
            ]}
          />
        </Field>
        <Field id="members-age-min" label={t('members.age')}>
          <InputNumber<number>
            id="members-age-min"
            aria-label={t('members.ageMin')}
            placeholder={t('members.from')}
            min={0}
            max={120}
            precision={0}
            style={{ width: 80 }}
            value={ageMin ?? null}
            onChange={(v) => update('ageMin', v ?? undefined)}
          />
          <span aria-hidden="true">–</span>
          <InputNumber<number>
            aria-label={t('members.ageMax')}
            placeholder={t('members.to')}
            min={0}
            max={120}
            precision={0}
            style={{ width: 80 }}
            value={ageMax ?? null}
            onChange={(v) => update('ageMax', v ?? undefined)}
          />
        </Field>
        {filtered && <Button onClick={clear}>{t('members.clearFilters')}</Button>}
      </div>
      {members.isError ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <>
          <Typography.Paragraph type="secondary" aria-live="polite" data-testid="members-total">
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
            locale={{ emptyText: t('members.none') }}
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
                render: (s: string, m) =>
                  m.awaitingRecognitionSince ? (
                    <Tooltip
                      title={t('members.awaitingRecognitionHint', {
                        date: day(m.awaitingRecognitionSince),
                      })}
                    >
                      <Tag color="orange" data-testid="awaiting-recognition">
                        {t('members.awaitingRecognition')}
                      </Tag>
                    </Tooltip>
                  ) : (
                    t(`statuses.${s}`)
                  ),
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
