import { lazy, type ComponentType } from 'react';

/** The charts, split from the first page's bundle: one chunk, loaded when a dashboard shows. */
const load = () => import('./DashboardCharts');
type Charts = Awaited<ReturnType<typeof load>>;

function lazyChart<K extends keyof Charts>(name: K): Charts[K] {
  return lazy(async () => ({
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    default: (await load())[name] as ComponentType<any>,
  })) as unknown as Charts[K];
}

export const ThroughputChart = lazyChart('ThroughputChart');
export const OnTimeChart = lazyChart('OnTimeChart');
export const TimeToCloseChart = lazyChart('TimeToCloseChart');
export const BacklogChart = lazyChart('BacklogChart');
export const WorkloadChart = lazyChart('WorkloadChart');
