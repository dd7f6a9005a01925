/**
 * The only module that imports echarts, and only the pieces the app draws (bar, line, gauge,
 * pie on canvas), so chart code is one lazy chunk fetched by pages that show charts.
 */
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([
  BarChart,
  GaugeChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** What a chart needs: its option, a text label for screen readers, and an optional click. */
export interface EChartProps {
  option: EChartsOption;
  label: string;
  height?: number;
  onClick?: (params: { name: string; dataIndex: number; value: unknown }) => void;
}

/** Draws one chart. */
export default function EChart({ option, label, height = 280, onClick }: EChartProps) {
  return (
    <div role="img" aria-label={label} className="chart" style={{ height }}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ animation: false, ...option }}
        style={{ height, width: '100%' }}
        notMerge
        onEvents={onClick ? { click: onClick } : {}}
      />
    </div>
  );
}
