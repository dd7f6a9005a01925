/** The pipeline board: one column per stage with the count and the longest-waiting candidates. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge, Button, Card, Tag, Typography } from 'antd';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client.ts';
import type { CandidateItem, CandidateList } from '../../api/types.ts';
import { QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';
import { useSession } from '../session/session.tsx';
import { RegisterCandidate } from './RegisterCandidate.tsx';
import { BOARD_STAGES } from './stages.ts';

const PER_COLUMN = 15;

function CandidateCard({ c, search }: { c: CandidateItem; search: string }) {
  const { t } = useTranslation();
  const overdue = c.dueOn !== null && c.dueOn < todayIso();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid="candidate-card">
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
  // Cards shown per column: 15 at first, 15 more each time "xem thêm" is pressed.
  const [shown, setShown] = useState<Record<string, number>>({});
  const limitOf = (stage: string) => shown[stage] ?? PER_COLUMN;
  const counts = useQuery({
    queryKey: ['candidates', org, 'counts'],
    queryFn: () => apiGet<CandidateList>('/candidates', { org, limit: 1 }),
  });
  const columns = useQueries({
    queries: BOARD_STAGES.map((stage) => ({
      queryKey: ['candidates', org, stage, limitOf(stage)],
      queryFn: () => apiGet<CandidateList>('/candidates', { org, stage, limit: limitOf(stage) }),
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
            <Typography.Paragraph type="secondary">
              {data.organization.name} — {t('pipeline.candidates', { n: num(data.total) })}
            </Typography.Paragraph>
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
                        {items.map((c) => (
                          <CandidateCard key={c.id} c={c} search={search} />
                        ))}
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
