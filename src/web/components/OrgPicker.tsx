/** A labelled, searchable picker of one organization in the tree as it stood on a date. */
import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganization } from '../api/hooks.ts';
import { useSession } from '../features/session/session.tsx';
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
  const { session } = useSession();
  const own = session.status === 'signedIn' ? session.user.organization : undefined;
  const built = useMemo(() => {
    const items = organizations.data?.items ?? [];
    const roots = buildTree(items);
    // The caller's organization did not exist on the date (a commune formed in 2025, read for
    // 2017): the server lists the organizations it holds today as they stood then; they are
    // shown under it, and choosing it reads that history.
    if (!own || roots.length === 0 || items.some((o) => o.code === own.code)) return roots;
    const top = roots[0]?.node;
    if (!top) return roots;
    return [
      {
        key: own.code,
        value: own.code,
        title: `${own.name} (${t('pickers.heldHistory')})`,
        children: roots,
        node: { ...top, code: own.code, name: own.name, parentCode: null, depth: 0 },
      },
    ];
  }, [organizations.data, own, t]);
  // A chosen organization missing from the tree on this date (dissolved, or not yet founded)
  // is shown by name, not as a bare code.
  const missing = Boolean(
    value &&
    organizations.data &&
    !organizations.data.items.some((o) => o.code === value) &&
    !built.some((n) => n.value === value),
  );
  const info = useOrganization(missing ? value : undefined);
  const tree = useMemo(
    () =>
      missing && info.data
        ? [
            ...built,
            {
              key: info.data.code,
              value: info.data.code,
              title: `${info.data.name} (${t('organizations.notOnDate')})`,
              children: [],
              disabled: true,
              node: { ...info.data, parentCode: null, depth: 0 },
            },
          ]
        : built,
    [built, missing, info.data, t],
  );
  const fallback = built[0]?.value;
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
      treeDefaultExpandedKeys={built.map((n) => n.key)}
      popupMatchSelectWidth={false}
      placeholder={t('app.organization')}
    />
  );
}
