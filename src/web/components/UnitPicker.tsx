/**
 * A search-as-you-type picker of one unit (village, school, agency…) of the caller's scope:
 * the user types its name, with or without accents, and sees each unit with the organization
 * covering it; the form receives the unit's code, which nobody has to type.
 */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client.ts';
import type { UnitItem } from '../api/types.ts';
import { useDebounced } from './useDebounced.ts';

/** Picks a unit; `value` is its code. */
export function UnitPicker({
  id,
  value,
  onChange,
  asOf,
  org,
  width = 320,
  ariaLabel,
  current,
}: {
  id?: string;
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  /** The date the unit must exist and be covered on (today by default). */
  asOf?: string | undefined;
  /** Narrows the search to an organization's subtree (the caller's whole scope by default). */
  org?: string | undefined;
  width?: number | string;
  ariaLabel?: string;
  /** The unit the form starts with (the person's current one), shown by name before any search. */
  current?: { code: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 250);
  // The chosen unit's label, kept when the next search no longer lists it.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const units = useQuery({
    queryKey: ['units', 'picker', org, asOf, settled],
    queryFn: () => apiGet<{ items: UnitItem[] }>('/units', { q: settled, org, asOf, limit: 30 }),
    enabled: settled.length >= 2,
    staleTime: 60_000,
  });
  const options = (units.data?.items ?? []).map((u) => ({
    value: u.code,
    label: `${u.name} — ${u.organizationName}`,
  }));
  if (value && chosen?.value === value && !options.some((o) => o.value === value))
    options.unshift(chosen);
  else if (current && value === current.code && !options.some((o) => o.value === value))
    options.unshift({ value: current.code, label: current.name });
  return (
    <Select<string>
      id={id}
      aria-label={ariaLabel ?? t('pickers.unit')}
      style={{ width, maxWidth: '100%' }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(code) => {
        const option = options.find((o) => o.value === code);
        setChosen(option ?? null);
        onChange?.(code || undefined);
      }}
      placeholder={t('pickers.unitSearch')}
      loading={units.isFetching}
      notFoundContent={settled.length < 2 ? t('pickers.typeTwo') : t('pickers.noUnit')}
      options={options}
      popupMatchSelectWidth={false}
    />
  );
}
