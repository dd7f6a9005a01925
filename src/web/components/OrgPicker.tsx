/** A labelled, searchable picker of one organization in the tree as it stood on a date. */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganizations } from './scope.ts';
import { buildTree, matchesFilter, type TreeItem } from './tree.ts';

/** Picks an organization; `value` undefined means the caller's own root. */
export function OrgPicker({
  id,
  asOf,
  value,
  onChange,
  width = 320,
}: {
  id: string;
  asOf: string;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  width?: number | string;
}) {
  const { t } = useTranslation();
  const organizations = useOrganizations(asOf);
  const tree = useMemo(() => buildTree(organizations.data?.items ?? []), [organizations.data]);
  const fallback = tree[0]?.value;
  return (
    <TreeSelect<string>
      id={id}
      aria-label={t('app.organization')}
      style={{ width, maxWidth: '100%' }}
      loading={organizations.isPending}
      treeData={tree}
      value={value ?? fallback}
      onChange={(code) => onChange(code || undefined)}
      showSearch={{
        filterTreeNode: (input, option) =>
          matchesFilter((option as unknown as TreeItem).node, input),
      }}
      treeDefaultExpandedKeys={tree.map((n) => n.key)}
      popupMatchSelectWidth={false}
      placeholder={t('app.organization')}
    />
  );
}
