/**
 * The organization tree as it stood on a chosen date (before and after the 2025 reorganization)
 * and, for the picked node, its members, candidates, plan and units without members. For users
 * who may reorganize, a node of today's tree offers its changes (ReorganizeDialog).
 */
import { UnitAreaKindsCard } from './UnitAreaKinds.tsx';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Row,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, isNotFound } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { dissolvedBy, useOrganization, useStatistics, useSummary } from '../../api/hooks.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState, ErrorState, Loading, QueryView } from '../../components/States.tsx';
import { todayIso, useOrganizations, useScope } from '../../components/scope.ts';
import { buildTree, matchesFilter, type TreeItem } from '../../components/tree.ts';
import { day, num, pct } from '../../components/format.ts';
import type { OrganizationNode } from '../../api/types.ts';
import { useSession } from '../session/session.tsx';
import { ReorganizeDialog, type TreeAction } from './ReorganizeDialog.tsx';

/** Keeps nodes that match and the ancestors that lead to them. */
function filterTree(items: TreeItem[], filter: string): TreeItem[] {
  if (!filter.trim()) return items;
  const out: TreeItem[] = [];
  for (const item of items) {
    const children = filterTree(item.children, filter);
    if (children.length > 0 || matchesFilter(item.node, filter)) out.push({ ...item, children });
  }
  return out;
}

/** The codes of a node's ancestors in a flat list of the tree (nearest last). */
function ancestorsOf(nodes: OrganizationNode[], code: string | undefined): string[] {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const out: string[] = [];
  let parent = code ? byCode.get(code)?.parentCode : null;
  while (parent && !out.includes(parent)) {
    out.unshift(parent);
    parent = byCode.get(parent)?.parentCode;
  }
  return out;
}

function allKeys(items: TreeItem[]): string[] {
  return items.flatMap((i) => [i.key, ...allKeys(i.children)]);
}

/**
 * The picked organization did not exist on the chosen date: say whether it had been dissolved
 * (and when) or was not yet established, with a link to the tree on its last day.
 */
function NotInTree({ code, asOf }: { code: string; asOf: string }) {
  const { t } = useTranslation();
  const info = useOrganization(code);
  if (info.isPending) return <Loading />;
  if (!info.data) return <EmptyState />;
  const o = info.data;
  const dissolved = dissolvedBy(o, asOf);
  const lastDay = dissolved ? addDaysIso(dissolved, -1) : undefined;
  return (
    <Card title={o.name} data-testid="node-not-in-tree">
      <Alert
        type="warning"
        showIcon
        title={
          dissolved
            ? t('organizations.dissolvedSince', { date: day(dissolved) })
            : t('organizations.notYet', { date: day(o.establishedOn) })
        }
        description={t('organizations.notInTree', { date: day(asOf) })}
      />
      {lastDay && (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          <Link to={`/organizations?asOf=${lastDay}&node=${encodeURIComponent(code)}`}>
            {t('organizations.openLastDay', { date: day(lastDay) })}
          </Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** The ISO date `days` days after (or before) another, in UTC so no time zone shifts it. */
function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The changes a node of today's tree offers to a user who may reorganize: a committee takes
 * sub-organizations; the caller's own root is not moved, merged, split or dissolved from here.
 */
function NodeActions({
  node,
  onPick,
}: {
  node: OrganizationNode;
  onPick: (action: TreeAction) => void;
}) {
  const { t } = useTranslation();
  const actions: TreeAction[] = [
    ...(node.kind === 'committee' ? (['create'] as const) : []),
    'rename',
    ...(node.parentCode && node.depth > 0 ? (['move', 'merge', 'split', 'dissolve'] as const) : []),
  ];
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="tree-edit-actions">
      {actions.map((action) => (
        <Button
          key={action}
          size="small"
          danger={action === 'dissolve'}
          onClick={() => onPick(action)}
          data-testid={`tree-edit-${action}`}
        >
          {t(`treeEdit.actions.${action}`)}
        </Button>
      ))}
    </Space>
  );
}

function NodeDetails({
  code,
  asOf,
  onAction,
}: {
  code: string;
  asOf: string;
  onAction?: ((action: TreeAction) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { year } = useScope();
  const organizations = useOrganizations(asOf);
  const node = organizations.data?.items.find((n) => n.code === code);
  const stats = useStatistics(code, asOf);
  const summary = useSummary(code, year);
  const candidates = useQuery({
    queryKey: ['candidates', 'count', code],
    queryFn: () => apiGet<Page<unknown>>('/candidates', { org: code, limit: 1 }),
    retry: false,
  });
  if (!node) return <NotInTree code={code} asOf={asOf} />;
  const params = `org=${encodeURIComponent(code)}&year=${year}`;
  return (
    <Card
      title={node.name}
      extra={
        <Space>
          <Link to={`/members?org=${encodeURIComponent(code)}&asOf=${asOf}`}>
            {t('organizations.openMembers')}
          </Link>
          <Link to={`/?${params}`}>{t('organizations.openDashboard')}</Link>
        </Space>
      }
    >
      {onAction && <NodeActions node={node} onPick={onAction} />}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('organizations.code')}>{node.code}</Descriptions.Item>
        <Descriptions.Item label={t('organizations.kind')}>
          {t(`organizations.levels.${node.level}`)}
          {node.combined && <Tag style={{ marginLeft: 8 }}>{t('organizations.combined')}</Tag>}
          {node.decidesAdmissions && (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {t('organizations.decides')}
            </Tag>
          )}
        </Descriptions.Item>
        {node.sector && (
          <Descriptions.Item label={t('organizations.sector')}>
            {t(`enums.sector.${node.sector}`)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={`${t('organizations.members')} (${day(asOf)})`}>
          {stats.isPending
            ? '…'
            : stats.isError
              ? '—'
              : `${num(stats.data.members)} (${t('organizations.official')} ${num(stats.data.official)}, ${t('organizations.probationary')} ${num(stats.data.probationary)})`}
        </Descriptions.Item>
        <Descriptions.Item label={t('organizations.candidates')}>
          {candidates.isPending
            ? '…'
            : candidates.isError
              ? isNotFound(candidates.error)
                ? t('state.empty')
                : '—'
              : num(candidates.data.total)}
        </Descriptions.Item>
        <Descriptions.Item label={t('organizations.plan', { year })}>
          {summary.data
            ? summary.data.plannedAdmissions !== null
              ? `${num(summary.data.admissions)} / ${num(summary.data.plannedAdmissions)} (${pct(summary.data.planPercent)})`
              : `${num(summary.data.admissions)} — ${t('dashboard.noPlan')}`
            : '…'}
        </Descriptions.Item>
        <Descriptions.Item label={t('organizations.units')}>
          {summary.data
            ? Object.entries(summary.data.unitsWithoutMembers)
                .map(([kind, n]) => `${t(`units.${kind}`, { defaultValue: kind })}: ${num(n)}`)
                .join('; ') || '0'
            : '…'}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The tree screen. */
export default function OrganizationTreePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') ?? todayIso();
  const selected = params.get('node') ?? undefined;
  const [filter, setFilter] = useState('');
  const organizations = useOrganizations(asOf);
  const today = useOrganizations(todayIso());
  const { can } = useSession();
  const [editing, setEditing] = useState<TreeAction | undefined>();
  const editable = can('reorganize')
    ? today.data?.items.find((n) => n.code === selected)
    : undefined;
  const tree = useMemo(() => buildTree(organizations.data?.items ?? []), [organizations.data]);
  const shown = useMemo(() => filterTree(tree, filter), [tree, filter]);
  // The roots and the path to the picked node are open, besides what the user opened; what the
  // user closed stays closed until another node is picked.
  const [opened, setOpened] = useState<string[]>([]);
  const [closed, setClosed] = useState<string[]>([]);
  const expanded = useMemo(() => {
    const wanted = filter
      ? allKeys(shown)
      : [...shown.map((n) => n.key), ...ancestorsOf(organizations.data?.items ?? [], selected)];
    return [...new Set([...wanted, ...opened])].filter((k) => !closed.includes(k));
  }, [filter, shown, organizations.data, selected, opened, closed]);
  const update = (key: string, value: string | undefined) =>
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (value) copy.set(key, value);
      else copy.delete(key);
      return copy;
    });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('organizations.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="tree-as-of" className="field-label">
          {t('organizations.asOf')}
        </label>
        <DateField
          id="tree-as-of"
          label={t('organizations.asOf')}
          value={asOf}
          onChange={(d) => update('asOf', d)}
        />
        <label htmlFor="tree-filter" className="field-label">
          {t('organizations.search')}
        </label>
        <Input
          id="tree-filter"
          allowClear
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ width: 240 }}
        />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              organizations.data
                ? t('organizations.count', { n: num(organizations.data.items.length) })
                : undefined
            }
          >
            <QueryView query={organizations} isEmpty={(d) => d.items.length === 0}>
              {() => (
                <Tree<TreeItem>
                  treeData={shown}
                  expandedKeys={expanded}
                  onExpand={(_, info) => {
                    const key = String(info.node.key);
                    setOpened((keys) =>
                      info.expanded ? [...keys, key] : keys.filter((k) => k !== key),
                    );
                    setClosed((keys) =>
                      info.expanded ? keys.filter((k) => k !== key) : [...keys, key],
                    );
                  }}
                  selectedKeys={selected ? [selected] : []}
                  onSelect={(keys) => {
                    setClosed([]);
                    update('node', keys[0] ? String(keys[0]) : undefined);
                  }}
                  titleRender={(item) => (
                    <span>
                      {item.title}{' '}
                      <Typography.Text type="secondary">({item.node.code})</Typography.Text>
                    </span>
                  )}
                  height={560}
                  aria-label={t('organizations.title')}
                />
              )}
            </QueryView>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {selected ? (
            organizations.isError ? (
              <ErrorState error={organizations.error} />
            ) : (
              <>
                <NodeDetails
                  code={selected}
                  asOf={asOf}
                  onAction={editable ? setEditing : undefined}
                />
                <UnitAreaKindsCard
                  key={selected}
                  org={selected}
                  asOf={asOf}
                  editable={can('write')}
                />
              </>
            )
          ) : (
            <Card>
              <EmptyState description={t('organizations.pick')} />
            </Card>
          )}
        </Col>
      </Row>
      {editing && editable && today.data && (
        <ReorganizeDialog
          action={editing}
          node={editable}
          nodes={today.data.items}
          onClose={() => setEditing(undefined)}
          onDone={(code) => {
            setEditing(undefined);
            setClosed([]);
            setParams((current) => {
              const copy = new URLSearchParams(current);
              copy.delete('asOf');
              copy.set('node', code);
              return copy;
            });
          }}
        />
      )}
    </>
  );
}
