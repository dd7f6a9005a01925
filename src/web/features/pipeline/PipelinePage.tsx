/**
 * The pipeline board: one column per stage with the count and the longest-waiting candidates;
 * the columns wrap to the screen's width (no sideways scrolling) and scroll inside when long.
 * Dossiers can be selected to be moved together or enrolled in a class; "quá hạn" keeps only
 * the dossiers whose due date has passed.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Card, Checkbox, Switch, Tag, Typography } from 'antd';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client.ts';
import type { CandidateItem, CandidateList } from '../../api/types.ts';
import { QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';
import { BoardBulkActions } from './BoardBulkActions.tsx';
import { RegisterCandidate } from './RegisterCandidate.tsx';
import { BOARD_STAGES } from './stages.ts';

const PER_COLUMN = 15;

function CandidateCard({
  c,
  search,
  selected,
  onSelect,
}: {
  c: CandidateItem;
  search: string;
  selected: boolean;
  onSelect: ((on: boolean) => void) | null;
}) {
  const { t } = useTranslation();
  const overdue = c.dueOn !== null && c.dueOn < todayIso();
  return (
    <Card
      size="small"
      className={selected ? 'candidate-card selected' : 'candidate-card'}
      data-testid="candidate-card"
    >
      {onSelect && (
        <Checkbox
          className="card-select"
          checked={selected}
          aria-label={t('daily.select', { name: c.fullName })}
          onChange={(e) => onSelect(e.target.checked)}
        />
      )}
      <Link to={`/candidates/${c.id}${search}`}>{c.fullName}</Link>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {c.organizationName}
        </Typography.Text>
      </div>
      <Typography.Text style={{ fontSize: 12 }}>
        {t('pipeline.since', { date: day(c.stageOn) })}
      </Typography.Text>
      {c.dueOn && (
        <div>
          <Tag color={overdue ? 'red' : 'default'}>
            {t('pipeline.dueOn', { date: day(c.dueOn) })}
          </Tag>
        </div>
      )}
    </Card>
  );
}

/** The board screen. */
export default function PipelinePage() {
  const { t } = useTranslation();
  const { org } = useScope();
  const search = useScopeSearch();
  const { can } = useSession();
  const [overdue, setOverdue] = useState(false);
  const [selected, setSelected] = useState<Map<number, CandidateItem>>(new Map());
  const selectable = can('write') || can('train');
  const select = (c: CandidateItem, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(c.id, c);
      else next.delete(c.id);
      return next;
    });
  const filter = overdue ? { overdue: 'true' } : {};
  // Cards shown per column: 15 at first, 15 more each time "xem thêm" is pressed.
  const [shown, setShown] = useState<Record<string, number>>({});
  const limitOf = (stage: string) => shown[stage] ?? PER_COLUMN;
  const counts = useQuery({
    queryKey: ['candidates', org, 'counts', overdue],
    queryFn: () => apiGet<CandidateList>('/candidates', { org, limit: 1, ...filter }),
  });
  const columns = useQueries({
    queries: BOARD_STAGES.map((stage) => ({
      queryKey: ['candidates', org, stage, limitOf(stage), overdue],
      queryFn: () =>
        apiGet<CandidateList>('/candidates', { org, stage, limit: limitOf(stage), ...filter }),
      enabled: (counts.data?.byStage[stage] ?? 0) > 0,
      placeholderData: keepPreviousData,
    })),
  });
  return (
    <>
      <div className="page-head">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('pipeline.title')}
        </Typography.Title>
        {can('write') && <RegisterCandidate org={org} />}
      </div>
      <QueryView query={counts}>
        {(data) => (
          <>
            <div className="board-toolbar">
              <Typography.Text type="secondary">
                {data.organization.name} —{' '}
                {overdue
                  ? t('daily.overdueCount', { n: num(data.total) })
                  : t('pipeline.candidates', { n: num(data.total) })}
              </Typography.Text>
              <label className="field-label">
                <Switch
                  size="small"
                  checked={overdue}
                  onChange={setOverdue}
                  aria-label={t('daily.overdueFilter')}
                  data-testid="overdue-filter"
                />{' '}
                {t('daily.overdueFilter')}
              </label>
              <BoardBulkActions
                org={org}
                selected={[...selected.values()]}
                onClear={() => setSelected(new Map())}
              />
            </div>
            <div className="board" role="list" aria-label={t('pipeline.title')}>
              {BOARD_STAGES.map((stage, i) => {
                const count = data.byStage[stage] ?? 0;
                const column = columns[i];
                const items = column?.data?.items ?? [];
                return (
                  <section
                    key={stage}
                    className="board-column"
                    role="listitem"
                    aria-label={t(`stages.${stage}`)}
                  >
                    <h3>
                      {t(`stages.${stage}`)}{' '}
                      <Badge count={num(count)} showZero color={count ? '#b71c1c' : '#bbb'} />
                    </h3>
                    {count === 0 ? (
                      <Typography.Text type="secondary">{t('pipeline.none')}</Typography.Text>
                    ) : column?.isPending ? (
                      <Typography.Text type="secondary">{t('state.loading')}</Typography.Text>
                    ) : (
                      <>
                        <div className="board-cards">
                          {items.map((c) => (
                            <CandidateCard
                              key={c.id}
                              c={c}
                              search={search}
                              selected={selected.has(c.id)}
                              onSelect={selectable ? (on) => select(c, on) : null}
                            />
                          ))}
                        </div>
                        {count > items.length && (
                          <Button
                            block
                            size="small"
                            loading={column?.isFetching}
                            data-testid={`more-${stage}`}
                            onClick={() =>
                              setShown((s) => ({ ...s, [stage]: limitOf(stage) + PER_COLUMN }))
                            }
                          >
                            {t('pipeline.more', { n: num(count - items.length) })}
                          </Button>
                        )}
                      </>
                    )}
                  </section>
                );
              })}
            </div>
          </>
        )}
      </QueryView>
    </>
  );
}
