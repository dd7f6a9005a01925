/**
 * Spreadsheet import (SPEC §8): pick a kind, upload a .xlsx or .csv, see every row's fate (new,
 * update, unchanged, duplicate, error) with each error's column and message beside its row, then
 * confirm: the server writes every row in one transaction or none. The same file is sent twice
 * (preview, confirm), as the import routes expect; nothing is kept on the server in between.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import {
  Alert,
  Button,
  Card,
  Progress,
  Result,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiUpload, apiUrl } from '../../api/client.ts';
import type {
  ImportColumn,
  ImportResult,
  ImportRowResult,
  RowIssue,
  RowStatus,
} from '../../api/types.ts';
import { QueryView } from '../../components/States.tsx';
import { useScope } from '../../components/scope.ts';
import { num } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';

const KINDS = ['people', 'members', 'candidates', 'organizations', 'units'] as const;
type Kind = (typeof KINDS)[number];
/** The tree's kinds: rows are organizations or units, not people. */
const TREE_KINDS: readonly Kind[] = ['organizations', 'units'];

/** A kind's name in the kind picker (the tree's kinds have their own i18n section). */
function kindLabel(t: (key: string) => string, kind: Kind): string {
  return TREE_KINDS.includes(kind) ? t(`treeImport.kinds.${kind}`) : t(`import.kinds.${kind}`);
}

const STATUS_COLORS: Record<RowStatus, string> = {
  new: 'green',
  update: 'blue',
  unchanged: 'default',
  duplicate: 'orange',
  error: 'red',
};
const STATUSES: RowStatus[] = ['error', 'duplicate', 'new', 'update', 'unchanged'];

/** Files above this size show the upload's progress bar (smaller ones finish at once). */
const LARGE_FILE = 256 * 1024;

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; action: 'preview' | 'confirm'; fraction: number }
  | { step: 'previewed'; result: ImportResult }
  | { step: 'done'; result: ImportResult }
  | { step: 'failed'; error: ApiError; result: ImportResult | null };

function Issues({ issues, type }: { issues: RowIssue[]; type: 'error' | 'warning' }) {
  const { i18n } = useTranslation();
  return (
    <>
      {issues.map((issue) => (
        <div
          key={`${issue.column}-${issue.message}`}
          className={type === 'error' ? 'row-error' : 'row-warning'}
          data-testid={type === 'error' ? 'row-error' : 'row-warning'}
        >
          <strong>{issue.column}</strong>:{' '}
          {i18n.language === 'en' ? issue.messageEn : issue.message}
        </div>
      ))}
    </>
  );
}

type Columns = {
  title: string;
  width: number;
  render: (_: unknown, item: ImportRowResult) => string;
}[];

/** Where a person's row goes: its cell, else its unit. */
function goesToColumn(t: (key: string) => string): Columns[number] {
  return {
    title: t('import.goesTo'),
    width: 160,
    render: (_, item) => item.organizationCode ?? item.unitCode ?? '—',
  };
}

/** A tree row's code and where it hangs: an organization's parent, a unit's commune and coverer. */
function treeColumns(t: (key: string) => string, kind: ImportResult['kind']): Columns {
  const parent = (item: ImportRowResult) => item.parentCode ?? '—';
  if (kind === 'organizations')
    return [
      {
        title: t('treeImport.codeOrganizations'),
        width: 130,
        render: (_, item) => item.organizationCode ?? '—',
      },
      { title: t('treeImport.parent'), width: 130, render: (_, item) => parent(item) },
    ];
  return [
    { title: t('treeImport.codeUnits'), width: 130, render: (_, item) => item.unitCode ?? '—' },
    { title: t('treeImport.commune'), width: 110, render: (_, item) => parent(item) },
    {
      title: t('treeImport.coveredBy'),
      width: 150,
      render: (_, item) => item.organizationCode ?? '—',
    },
  ];
}

function PreviewTable({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const tree = result.kind === 'organizations' || result.kind === 'units';
  const [filter, setFilter] = useState<RowStatus | 'all'>('all');
  const rows =
    filter === 'all' ? result.items : result.items.filter((item) => item.status === filter);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<RowStatus | 'all'>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `${t('import.all')} (${num(result.rows)})` },
            ...STATUSES.filter((s) => result.counts[s] > 0).map((s) => ({
              value: s,
              label: `${t(`import.status.${s}`)} (${num(result.counts[s])})`,
            })),
          ]}
        />
      </Space>
      {result.truncated && (
        <Alert
          type="info"
          showIcon
          title={t('import.truncated', { limit: num(result.itemLimit) })}
          style={{ marginBottom: 12 }}
        />
      )}
      {result.ignoredColumns.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('import.ignored', { columns: result.ignoredColumns.join(', ') })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<ImportRowResult>
        size="small"
        rowKey="row"
        dataSource={rows}
        data-testid="import-preview"
        rowClassName={(item) => `import-row import-row-${item.status}`}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        scroll={{ x: 800 }}
        columns={[
          { title: t('import.row'), dataIndex: 'row', width: 70, align: 'right' },
          {
            title: t('import.statusTitle'),
            dataIndex: 'status',
            width: 130,
            render: (s: RowStatus) => <Tag color={STATUS_COLORS[s]}>{t(`import.status.${s}`)}</Tag>,
          },
          {
            title: tree
              ? t(
                  result.kind === 'organizations'
                    ? 'treeImport.nameOrganizations'
                    : 'treeImport.nameUnits',
                )
              : t('people.fullName'),
            dataIndex: 'fullName',
            width: tree ? 250 : 200,
          },
          ...(tree ? treeColumns(t, result.kind) : [goesToColumn(t)]),
          {
            title: t('import.details'),
            render: (_: unknown, item) => (
              <>
                <Issues issues={item.errors} type="error" />
                {item.duplicateOf && (
                  <div className="row-warning">
                    {item.duplicateOf.row !== null
                      ? t('import.duplicateRow', {
                          row: item.duplicateOf.row,
                          name: item.duplicateOf.fullName,
                        })
                      : t('import.duplicatePerson', {
                          name: item.duplicateOf.fullName,
                          reason: item.duplicateOf.reason,
                        })}
                  </div>
                )}
                {item.changes.length > 0 && (
                  <div>{t('import.changes', { fields: item.changes.join(', ') })}</div>
                )}
                <Issues issues={item.warnings} type="warning" />
              </>
            ),
          },
        ]}
      />
    </>
  );
}

function Counts({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <Space wrap data-testid="import-counts">
      {STATUSES.map((s) => (
        <Tag key={s} color={STATUS_COLORS[s]}>
          {t(`import.status.${s}`)}: {num(result.counts[s])}
        </Tag>
      ))}
    </Space>
  );
}

/** The import screen. */
export default function ImportPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { org } = useScope();
  // Creating organizations is a reorganization: offered to those who may reorganize.
  const kinds = KINDS.filter((k) => k !== 'organizations' || can('reorganize'));
  const [kind, setKind] = useState<Kind>('people');
  const [file, setFile] = useState<File | null>(null);
  // A fresh input after each pick, so choosing the same (corrected) file again fires a change.
  const [inputKey, setInputKey] = useState(0);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const client = useQueryClient();
  const columns = useQuery({
    queryKey: ['imports', kind, 'columns'],
    queryFn: () => apiGet<{ items: ImportColumn[] }>(`/imports/${kind}/columns`),
    staleTime: Infinity,
  });

  const send = async (action: 'preview' | 'confirm', chosen: File) => {
    setPhase({ step: 'uploading', action, fraction: 0 });
    try {
      const result = await apiUpload<ImportResult>(
        action === 'preview' ? `/imports/${kind}/preview` : `/imports/${kind}`,
        chosen,
        (fraction) => setPhase({ step: 'uploading', action, fraction }),
      );
      setPhase(action === 'preview' ? { step: 'previewed', result } : { step: 'done', result });
      // What was imported (organizations, units, people…) is read elsewhere from the cache: the
      // tree, the scope picker and the lists must not show the installation as it was before.
      if (action === 'confirm')
        void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'imports' });
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError(0, 'internal', String(error), []);
      const preview = apiError.details?.preview as ImportResult | undefined;
      setPhase({ step: 'failed', error: apiError, result: preview ?? null });
    }
  };
  const choose = (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setInputKey((k) => k + 1);
    if (chosen) void send('preview', chosen);
    else setPhase({ step: 'idle' });
  };

  const shown =
    phase.step === 'previewed' || phase.step === 'done'
      ? phase.result
      : phase.step === 'failed'
        ? phase.result
        : null;
  const clean =
    phase.step === 'previewed' && phase.result.counts.error + phase.result.counts.duplicate === 0;
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      {!can('write') ? (
        <Alert type="info" showIcon title={t('import.noRight')} />
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <div className="filters">
              <Space>
                <span className="field-label" id="import-kind-label">
                  {t('import.kind')}
                </span>
                <Segmented<Kind>
                  aria-labelledby="import-kind-label"
                  value={kind}
                  onChange={(k) => {
                    setKind(k);
                    setFile(null);
                    setPhase({ step: 'idle' });
                  }}
                  options={kinds.map((k) => ({ value: k, label: kindLabel(t, k) }))}
                />
              </Space>
              <Button
                href={apiUrl(`/imports/${kind}/template`, { org })}
                data-testid="import-template"
              >
                {t('import.template')}
              </Button>
            </div>
            <label htmlFor="import-file" className="field-label">
              {t('import.file')}
            </label>
            <div style={{ margin: '8px 0' }}>
              {/* The native input's own words follow the browser's language: show ours instead. */}
              <Button
                onClick={() => document.getElementById('import-file')?.click()}
                disabled={phase.step === 'uploading'}
                aria-hidden="true"
                tabIndex={-1}
              >
                {t('import.pick')}
              </Button>
              <input
                className="visually-hidden"
                id="import-file"
                key={`${kind}-${inputKey}`}
                type="file"
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => choose(e.target.files?.[0])}
                disabled={phase.step === 'uploading'}
              />
              {file && (
                <Typography.Text type="secondary" data-testid="import-file-name">
                  {' '}
                  {t('import.chosen', { name: file.name, size: num(Math.ceil(file.size / 1024)) })}
                </Typography.Text>
              )}
            </div>
            {TREE_KINDS.includes(kind) && (
              <Typography.Paragraph type="secondary" data-testid="tree-import-hint">
                {t('treeImport.hint')}
              </Typography.Paragraph>
            )}
            <QueryView query={columns}>
              {(data) => (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                  {t('import.columns')}{' '}
                  {data.items.map((c) => (
                    <Tag key={c.key} color={c.required ? 'red' : 'default'} title={c.hint}>
                      {i18n.language === 'en' ? c.en : c.vi}
                      {c.required ? ' *' : ''}
                    </Tag>
                  ))}
                </Typography.Paragraph>
              )}
            </QueryView>
          </Card>

          {phase.step === 'uploading' && (
            <Card size="small" style={{ marginBottom: 16 }} data-testid="import-progress">
              <Typography.Text>
                {phase.fraction < 1 && file && file.size > LARGE_FILE
                  ? t('import.uploading', { name: file.name })
                  : t(phase.action === 'preview' ? 'import.checking' : 'import.writing')}
              </Typography.Text>
              <Progress
                percent={Math.round(phase.fraction * 100)}
                status="active"
                aria-label={t('import.progress')}
                format={(p) => (p === 100 ? t('import.serverWorking') : `${num(p ?? 0)}%`)}
              />
            </Card>
          )}

          {phase.step === 'done' && (
            <Result
              status="success"
              title={t('import.success', { n: num(phase.result.rows) })}
              subTitle={<Counts result={phase.result} />}
              extra={
                <Space>
                  <Button
                    onClick={() => {
                      setFile(null);
                      setPhase({ step: 'idle' });
                    }}
                  >
                    {t('import.another')}
                  </Button>
                  {TREE_KINDS.includes(kind) ? (
                    <Link to="/organizations">{t('treeImport.openTree')}</Link>
                  ) : (
                    <Link to={kind === 'candidates' ? '/pipeline' : '/people'}>
                      {t(kind === 'candidates' ? 'nav.pipeline' : 'nav.people')}
                    </Link>
                  )}
                </Space>
              }
            />
          )}

          {phase.step === 'failed' && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="import-failed"
              style={{ marginBottom: 16 }}
              title={phase.error.message}
              description={
                phase.result
                  ? t('import.fixAndRetry')
                  : phase.error.errors.map((e) => `${e.field}: ${e.message}`).join('; ') ||
                    undefined
              }
            />
          )}

          {phase.step === 'previewed' && (
            <Card size="small" style={{ marginBottom: 16 }}>
              <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                <Counts result={phase.result} />
                {clean ? (
                  <Button
                    type="primary"
                    data-testid="import-confirm"
                    onClick={() => file && void send('confirm', file)}
                  >
                    {t('import.confirm', { n: num(phase.result.rows) })}
                  </Button>
                ) : (
                  <Typography.Text type="danger" data-testid="import-blocked">
                    {t('import.mustFix', {
                      n: num(phase.result.counts.error + phase.result.counts.duplicate),
                    })}
                  </Typography.Text>
                )}
              </Space>
            </Card>
          )}

          {shown && phase.step !== 'done' && <PreviewTable result={shown} />}
        </>
      )}
    </>
  );
}
