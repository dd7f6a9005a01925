/** The pipeline board: one column per stage with the count and the longest-waiting candidates. */
import { Link } from 'react-router-dom';
import { Badge, Card, Tag, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client.ts';
import type { CandidateItem, CandidateList } from '../../api/types.ts';
import { QueryView } from '../../components/States.tsx';
import { todayIso, useScope, useScopeSearch } from '../../components/scope.ts';
import { day, num } from '../../components/format.ts';

/** Open stages in order (closed ones — official and the off-ramps — are not on the board). */
export const BOARD_STAGES = [
  'source',
  'fostering',
  'trained',
  'dossier',
  'cell_voted',
  'committee_reviewed',
  'decided',
  'admitted',
  'probation_review',
] as const;

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
  const counts = useQuery({
    queryKey: ['candidates', org, 'counts'],
    queryFn: () => apiGet<CandidateList>('/candidates', { org, limit: 1 }),
  });
  const columns = useQueries({
    queries: BOARD_STAGES.map((stage) => ({
      queryKey: ['candidates', org, stage],
      queryFn: () => apiGet<CandidateList>('/candidates', { org, stage, limit: PER_COLUMN }),
      enabled: (counts.data?.byStage[stage] ?? 0) > 0,
    })),
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('pipeline.title')}
      </Typography.Title>
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
                          <Typography.Text type="secondary">
                            + {num(count - items.length)}
                          </Typography.Text>
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
