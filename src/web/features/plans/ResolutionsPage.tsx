/**
 * Resolution indicators with baseline, target and current value: from the resolution progress
 * report when the server has it, else from the resolutions list (baseline and target only).
 */
import { Card, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, isNotFound } from '../../api/client.ts';
import type { IndicatorProgress, ResolutionReport } from '../../api/types.ts';
import { Loading, QueryView } from '../../components/States.tsx';
import { useScope } from '../../components/scope.ts';
import type { ResolutionsAnswer } from '../../api/types.ts';
import { resolutionList, resolutionName, resolutionPeriod } from './resolution.ts';
import { IndicatorTable, ResolutionProgress } from './ResolutionProgress.tsx';

function ListView({ org }: { org: string | undefined }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['resolutions', org],
    queryFn: () => apiGet<ResolutionsAnswer>('/resolutions', { org }),
    retry: false,
  });
  return (
    <QueryView query={list} isEmpty={(d) => resolutionList(d).length === 0}>
      {(d) => (
        <>
          {resolutionList(d).map((r) => {
            const [from, to] = resolutionPeriod(r);
            return (
              <Card
                key={r.id ?? r.code}
                size="small"
                title={resolutionName(r)}
                extra={t('resolutions.period', { from, to })}
              >
                <IndicatorTable rows={r.indicators as Partial<IndicatorProgress>[]} />
              </Card>
            );
          })}
        </>
      )}
    </QueryView>
  );
}

/** The resolutions screen. */
export default function ResolutionsPage() {
  const { t } = useTranslation();
  const { org } = useScope();
  const report = useQuery({
    queryKey: ['reports', 'resolution', org],
    queryFn: () => apiGet<ResolutionReport>('/reports/resolution', { org }),
    retry: false,
  });
  return (
    <>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('resolutions.title')}
      </Typography.Title>
      {report.isPending ? (
        <Loading />
      ) : report.isError && isNotFound(report.error) ? (
        <ListView org={org} />
      ) : (
        <QueryView query={report}>{(r) => <ResolutionProgress report={r} />}</QueryView>
      )}
    </>
  );
}
