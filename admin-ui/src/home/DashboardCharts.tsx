import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  type ManagerDashboard,
} from '@privacy-desk/shared';

import { monthLabel, weekLabel } from './presentation';

/**
 * The dashboard's charts (@mui/x-charts, drawn in the console's MUI theme). Loaded on their own
 * (React.lazy in charts.ts), so the first page does not carry the chart library.
 */

const HEIGHT = 260;

export const ThroughputChart = ({ data }: { data: ManagerDashboard['throughput'] }) => (
  <BarChart
    height={HEIGHT}
    skipAnimation
    xAxis={[{ scaleType: 'band', data: data.weeks.map((w) => weekLabel(w.week)) }]}
    yAxis={[{ tickMinStep: 1 }]}
    series={[
      { data: data.weeks.map((w) => w.received), label: 'Received' },
      { data: data.weeks.map((w) => w.closed), label: 'Closed' },
    ]}
  />
);

export const OnTimeChart = ({ data }: { data: ManagerDashboard['onTime'] }) => (
  <LineChart
    height={HEIGHT}
    skipAnimation
    xAxis={[{ scaleType: 'point', data: data.months.map((m) => monthLabel(m.month)) }]}
    yAxis={[{ min: 0, max: 100, valueFormatter: (v: number) => `${v}%` }]}
    series={[
      {
        data: data.months.map((m) => (m.rate === null ? null : Math.round(m.rate * 100))),
        label: 'Closed on time',
        connectNulls: true,
        curve: 'linear',
        showMark: true,
        valueFormatter: (v) => (v === null ? 'nothing closed' : `${v}%`),
      },
    ]}
  />
);

export const TimeToCloseChart = ({ data }: { data: ManagerDashboard['timeToClose'] }) => (
  <BarChart
    height={HEIGHT}
    skipAnimation
    layout="horizontal"
    yAxis={[
      { scaleType: 'band', data: data.kinds.map((k) => REQUEST_KIND_LABELS[k.kind]), width: 140 },
    ]}
    series={[
      { data: data.kinds.map((k) => k.medianDays), label: 'Median days' },
      { data: data.kinds.map((k) => k.p90Days), label: '90th percentile days' },
    ]}
  />
);

export const BacklogChart = ({ data }: { data: ManagerDashboard['backlog'] }) => {
  const statuses = data.byStatus.map((s) => s.status);
  const kinds = data.byKind.map((k) => k.kind);
  const count = (status: string, kind: string) =>
    data.cells.find((c) => c.status === status && c.kind === kind)?.count ?? 0;
  return (
    <BarChart
      height={HEIGHT}
      skipAnimation
      xAxis={[{ scaleType: 'band', data: statuses.map((s) => REQUEST_STATUS_LABELS[s]) }]}
      yAxis={[{ tickMinStep: 1 }]}
      series={kinds.map((kind) => ({
        data: statuses.map((status) => count(status, kind)),
        label: REQUEST_KIND_LABELS[kind],
        stack: 'kind',
      }))}
    />
  );
};

export const WorkloadChart = ({ data }: { data: ManagerDashboard['workload'] }) => (
  <BarChart
    height={Math.max(160, 48 * data.assignees.length + 80)}
    skipAnimation
    layout="horizontal"
    yAxis={[{ scaleType: 'band', data: data.assignees.map((a) => a.name), width: 120 }]}
    xAxis={[{ tickMinStep: 1 }]}
    series={[
      {
        data: data.assignees.map((a) => a.open - a.overdue),
        label: 'Open, not overdue',
        stack: 'open',
      },
      { data: data.assignees.map((a) => a.overdue), label: 'Overdue', stack: 'open' },
    ]}
  />
);
