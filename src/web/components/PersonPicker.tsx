/**
 * A search-as-you-type picker of one person of the caller's scope: the user types a name, with or
 * without accents, and sees each person with their birth date and unit; the form receives the
 * person's id, which nobody has to type.
 */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../api/client.ts';
import type { Page, Person } from '../api/types.ts';
import { day } from './format.ts';
import { useDebounced } from './useDebounced.ts';

/** How a person is shown in a picker: name, birth date (dd/mm/yyyy), unit. */
export function personLabel(p: {
  fullName: string;
  birthDate: string;
  unitName: string | null;
}): string {
  return `${p.fullName} — ${day(p.birthDate)}${p.unitName ? `, ${p.unitName}` : ''}`;
}

/** Picks a person; `value` is their id. */
export function PersonPicker({
  id,
  org,
  value,
  onChange,
  ariaLabel,
  selectedLabel,
  width = 420,
}: {
  id?: string;
  /** Narrows the search to an organization's subtree (the caller's whole scope by default). */
  org?: string | undefined;
  value?: number | undefined;
  onChange?: (id: number | undefined) => void;
  ariaLabel?: string;
  /** How to show `value` when it was chosen elsewhere (e.g. from the duplicate warning). */
  selectedLabel?: string | undefined;
  width?: number | string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const settled = useDebounced(q.trim(), 250);
  const [chosen, setChosen] = useState<{ value: number; label: string } | null>(null);
  const people = useQuery({
    queryKey: ['people', 'picker', org, settled],
    queryFn: () => apiGet<Page<Person>>('/people', { q: settled, org, limit: 20 }),
    enabled: settled.length >= 2,
  });
  const options = (people.data?.items ?? []).map((p) => ({
    value: p.id,
    label: personLabel(p),
  }));
  if (value !== undefined && !options.some((o) => o.value === value)) {
    const label = chosen?.value === value ? chosen.label : selectedLabel;
    if (label) options.unshift({ value, label });
  }
  return (
    <Select<number>
      id={id}
      aria-label={ariaLabel ?? t('pickers.person')}
      style={{ width, maxWidth: '100%' }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      onChange={(personId) => {
        setChosen(options.find((o) => o.value === personId) ?? null);
        onChange?.(personId);
      }}
      placeholder={t('pickers.personSearch')}
      loading={people.isFetching}
      notFoundContent={settled.length < 2 ? t('pickers.typeTwo') : t('pickers.noPerson')}
      options={options}
      popupMatchSelectWidth={false}
    />
  );
}
