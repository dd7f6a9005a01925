/**
 * A search-as-you-type picker of Party members of an organization on a date (helpers,
 * introducers): the user types a name, with or without accents, and picks people by name; the
 * form receives membership ids, which nobody has to type.
 */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client.ts';
import type { MemberItem, Page } from '../api/types.ts';
import { useDebounced } from './useDebounced.ts';

/** Picks several members; `value` holds their membership ids. */
export function MemberPicker({
  id,
  org,
  asOf,
  status,
  value,
  onChange,
  max = 5,
  ariaLabel,
  placeholder,
}: {
  id?: string;
  /** The organization whose members are offered (its subtree); nothing is offered without one. */
  org: string | undefined;
  asOf: string;
  status?: 'official' | 'probationary';
  value?: number[];
  onChange?: (ids: number[]) => void;
  max?: number;
  ariaLabel?: string;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 250);
  // Labels of the chosen members, kept when the next search no longer lists them.
  const [chosen, setChosen] = useState<Map<number, string>>(new Map());
  const members = useQuery({
    queryKey: ['members', 'picker', org, asOf, status, settled],
    queryFn: () =>
      apiGet<Page<MemberItem>>('/members', { org, asOf, status, q: settled, limit: 30 }),
    enabled: Boolean(org),
  });
  const options = (members.data?.items ?? []).map((m) => ({
    value: m.id,
    label: `${m.fullName} — ${m.organizationName}`,
  }));
  for (const memberId of value ?? []) {
    const label = chosen.get(memberId);
    if (label && !options.some((o) => o.value === memberId))
      options.unshift({ value: memberId, label });
  }
  return (
    <Select<number[]>
      id={id}
      aria-label={ariaLabel ?? t('pickers.members')}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(ids) => {
        const labels = new Map(chosen);
        for (const o of options) if (ids.includes(o.value)) labels.set(o.value, o.label);
        setChosen(labels);
        onChange?.(ids);
      }}
      disabled={!org}
      placeholder={org ? (placeholder ?? t('pickers.memberSearch')) : t('pickers.pickOrgFirst')}
      loading={members.isFetching}
      notFoundContent={t('pickers.noMember')}
      maxCount={max}
      options={options}
      style={{ minWidth: 320, maxWidth: '100%' }}
    />
  );
}
