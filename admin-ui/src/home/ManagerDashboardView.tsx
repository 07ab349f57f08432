import { Grid, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DASHBOARD_RULES, REQUEST_KIND_LABELS, type ManagerDashboard } from '@privacy-desk/shared';

import {
  BacklogChart,
  OnTimeChart,
  ThroughputChart,
  TimeToCloseChart,
  WorkloadChart,
} from './charts';
import { BigNumber, ChartSlot, FigureCard } from './FigureCard';
import { formatRate, requestsListPath } from './presentation';

const Rule = ({ text }: { text: string }) => (
  <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1 }}>
    {text}
  </Typography>
);

/** The manager's home: the desk's health at a glance. */
export const ManagerDashboardView = ({
  data,
  timeZone,
}: {
  data: ManagerDashboard;
  timeZone: string;
}) => {
  const answered = data.onTime.months.reduce((sum, m) => sum + m.answered, 0);
  const onTime = data.onTime.months.reduce((sum, m) => sum + m.onTime, 0);
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, sm: 4 }}>
        <FigureCard
          title="Overdue"
          range={data.overdue.range}
          timeZone={timeZone}
          testId="fig-overdue"
        >
          <BigNumber
            value={data.overdue.count}
            to={requestsListPath(data.overdue.filter)}
            testId="overdue-count"
            caption="open requests past their due date"
          />
        </FigureCard>
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <FigureCard
          title={`Due within ${data.dueSoon.days} days`}
          range={data.dueSoon.range}
          timeZone={timeZone}
          testId="fig-due-soon"
        >
          <BigNumber
            value={data.dueSoon.count}
            to={requestsListPath(data.dueSoon.filter)}
            testId="due-soon-count"
            caption="open requests due soon"
          />
        </FigureCard>
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <FigureCard
          title="Open backlog"
          range={data.backlog.range}
          timeZone={timeZone}
          testId="fig-backlog-total"
        >
          <BigNumber
            value={data.backlog.total}
            testId="backlog-total"
            caption={`open requests, ${data.workload.unassigned} not assigned to anyone`}
          />
        </FigureCard>
      </Grid>

      <Grid size={{ xs: 12, md: 6 }}>
        <FigureCard
          title="Received and closed per week"
          range={data.throughput.range}
          timeZone={timeZone}
          testId="fig-throughput"
        >
          <ChartSlot testId="chart-throughput">
            <ThroughputChart data={data.throughput} />
          </ChartSlot>
          <Rule text={DASHBOARD_RULES.throughput} />
        </FigureCard>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FigureCard
          title={`On-time rate per month (${formatRate(answered ? onTime / answered : null)} over the year)`}
          range={data.onTime.range}
          timeZone={timeZone}
          testId="fig-on-time"
        >
          <ChartSlot testId="chart-on-time">
            <OnTimeChart data={data.onTime} />
          </ChartSlot>
          <Rule text={DASHBOARD_RULES.onTime} />
        </FigureCard>
      </Grid>

      <Grid size={{ xs: 12, md: 6 }}>
        <FigureCard
          title="Open backlog by status and kind"
          range={data.backlog.range}
          timeZone={timeZone}
          testId="fig-backlog"
        >
          <ChartSlot testId="chart-backlog">
            <BacklogChart data={data.backlog} />
          </ChartSlot>
          <Rule text={DASHBOARD_RULES.backlog} />
        </FigureCard>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <FigureCard
          title="Days to close, per kind"
          range={data.timeToClose.range}
          timeZone={timeZone}
          testId="fig-time-to-close"
        >
          <ChartSlot testId="chart-time-to-close">
            <TimeToCloseChart data={data.timeToClose} />
          </ChartSlot>
          <Table size="small" aria-label="Days to close per kind">
            <TableHead>
              <TableRow>
                <TableCell>Kind</TableCell>
                <TableCell align="right">Answered</TableCell>
                <TableCell align="right">Median days</TableCell>
                <TableCell align="right">90th percentile</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.timeToClose.kinds.map((k) => (
                <TableRow key={k.kind}>
                  <TableCell>{REQUEST_KIND_LABELS[k.kind]}</TableCell>
                  <TableCell align="right">{k.answered}</TableCell>
                  <TableCell align="right">{k.medianDays}</TableCell>
                  <TableCell align="right">{k.p90Days}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Rule text={DASHBOARD_RULES.timeToClose} />
        </FigureCard>
      </Grid>

      <Grid size={12}>
        <FigureCard
          title="Workload per assignee"
          range={data.workload.range}
          timeZone={timeZone}
          testId="fig-workload"
        >
          <ChartSlot testId="chart-workload">
            <WorkloadChart data={data.workload} />
          </ChartSlot>
          <Rule text={DASHBOARD_RULES.workload} />
        </FigureCard>
      </Grid>
    </Grid>
  );
};
