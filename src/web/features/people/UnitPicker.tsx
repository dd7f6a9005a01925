/**
 * A search-as-you-type picker of one unit (village, school, agency) of the caller's scope, by
 * name, accent-insensitive (GET /units?q=…): the user never types a code. A small local picker
 * until the shared pickers (issue 15 item 5) replace it.
 */
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client.ts';
import type { UnitItem } from '../../api/types.ts';
import { useDebounced } from '../../components/useDebounced.ts';

/** Picks a unit; `value` is its code, `current` names the unit shown before any search. */
export function UnitPicker({
  id,
  value,
  onChange,
  current,
}: {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  current?: { code: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const units = useQuery({
    queryKey: ['units', 'picker', q],
    queryFn: () => apiGet<{ items: UnitItem[] }>('/units', { q, limit: 30 }),
  });
  const items = units.data?.items ?? [];
  const options = items.map((u) => ({
    value: u.code,
    label: u.name,
    title: `${u.name} — ${u.organizationName}`,
    organization: u.organizationName,
  }));
  if (current && !options.some((o) => o.value === current.code))
    options.unshift({
      value: current.code,
      label: current.name,
      title: current.name,
      organization: '',
    });
  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      aria-label={t('personHistory.unit')}
      placeholder={t('personHistory.unitSearch')}
      value={value}
      onChange={(code) => onChange?.(code || undefined)}
      loading={units.isFetching}
      notFoundContent={units.isFetching ? t('state.loading') : t('personHistory.noUnit')}
      allowClear
      style={{ width: '100%' }}
      options={options}
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.organization && (
            <div style={{ fontSize: 12, color: '#888' }}>{option.data.organization}</div>
          )}
        </div>
      )}
    />
  );
}
