/** A chart that loads its code on first use (echarts stays out of the main bundle). */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartProps } from './EChart.tsx';
import { Loading } from './States.tsx';

const EChart = lazy(() => import('./EChart.tsx'));

/** Shows a spinner until the chart code has arrived. */
export function Chart(props: EChartProps) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<Loading label={t('dashboard.chartLoading')} />}>
      <EChart {...props} />
    </Suspense>
  );
}
