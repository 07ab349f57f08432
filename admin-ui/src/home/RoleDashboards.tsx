import {
  Chip,
  Grid,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
  ROLE_LABELS,
  VIOLATION_SEVERITY_LABELS,
  type AdminDashboard,
  type ComplianceDashboard,
  type StaffDashboard,
} from '@privacy-desk/shared';
import { Link as RouterLink } from 'react-router-dom';

import { BigNumber, FigureCard } from './FigureCard';
import { requestsListPath } from './presentation';

/** The compliance officer's home: what waits for review, deadlines, gag orders, flags. */
export const ComplianceDashboardView = ({
  data,
  timeZone,
}: {
  data: ComplianceDashboard;
  timeZone: string;
}) => (
  <Grid container spacing={2}>
    <Grid size={{ xs: 12, sm: 6, md: 3 }}>
      <FigureCard
        title="Pending review"
        range={data.pendingReview.range}
        timeZone={timeZone}
        testId="fig-pending-review"
      >
        <BigNumber
          value={data.pendingReview.count}
          to="/review-queue"
          testId="pending-review-count"
          caption={`${data.pendingReview.disclosures} disclosures, ${data.pendingReview.legalProcess} legal-process responses`}
        />
      </FigureCard>
    </Grid>
    <Grid size={{ xs: 12, sm: 6, md: 3 }}>
      <FigureCard
        title={`Legal process due within ${data.legalProcessDueSoon.days} days`}
        range={data.legalProcessDueSoon.range}
        timeZone={timeZone}
        testId="fig-legal-due"
      >
        <BigNumber
          value={data.legalProcessDueSoon.count}
          to="/review-queue"
          testId="legal-due-count"
          caption={`${data.legalProcessDueSoon.overdue} already overdue`}
        />
      </FigureCard>
    </Grid>
    <Grid size={{ xs: 12, sm: 6, md: 3 }}>
      <FigureCard
        title={`Gag orders lapsing within ${data.gagOrdersLapsing.days} days`}
        range={data.gagOrdersLapsing.range}
        timeZone={timeZone}
        testId="fig-gag-lapsing"
      >
        <BigNumber
          value={data.gagOrdersLapsing.count}
          to="/review-queue"
          testId="gag-lapsing-count"
        />
      </FigureCard>
    </Grid>
    <Grid size={{ xs: 12, sm: 6, md: 3 }}>
      <FigureCard
        title="Open violation flags"
        range={data.openFlags.range}
        timeZone={timeZone}
        testId="fig-open-flags"
      >
        <BigNumber value={data.openFlags.total} to="/violations" testId="open-flags-count" />
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
          {data.openFlags.bySeverity.map((s) => (
            <Chip
              key={s.severity}
              size="small"
              label={`${VIOLATION_SEVERITY_LABELS[s.severity]}: ${s.count}`}
              color={
                s.count && (s.severity === 'high' || s.severity === 'critical')
                  ? 'error'
                  : 'default'
              }
            />
          ))}
        </Stack>
      </FigureCard>
    </Grid>
  </Grid>
);

/** A staff member's home: their own queue with its deadlines, and the shared queue. */
export const StaffDashboardView = ({
  data,
  timeZone,
}: {
  data: StaffDashboard;
  timeZone: string;
}) => {
  const due = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 8 }}>
        <FigureCard
          title="My queue"
          range={data.ownQueue.range}
          timeZone={timeZone}
          testId="fig-own-queue"
        >
          <Stack direction="row" spacing={4} sx={{ mb: 2 }}>
            <BigNumber
              value={data.ownQueue.count}
              to={requestsListPath(data.ownQueue.filter)}
              testId="own-queue-count"
              caption="open requests I hold"
            />
            <BigNumber value={data.ownQueue.overdue} testId="own-overdue-count" caption="overdue" />
            <BigNumber
              value={data.ownQueue.dueSoon}
              testId="own-due-soon-count"
              caption="due soon"
            />
          </Stack>
          {data.ownQueue.items.length === 0 ? (
            <Typography variant="body2">
              Nothing in your queue. Take the next request from the shared queue.
            </Typography>
          ) : (
            <Table size="small" aria-label="My queue">
              <TableHead>
                <TableRow>
                  <TableCell>Reference</TableCell>
                  <TableCell>Kind</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Due</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.ownQueue.items.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell>
                      <Link component={RouterLink} to={`/requests/${item.id}/show`}>
                        {item.reference}
                      </Link>
                    </TableCell>
                    <TableCell>{REQUEST_KIND_LABELS[item.kind]}</TableCell>
                    <TableCell>{REQUEST_STATUS_LABELS[item.status]}</TableCell>
                    <TableCell>
                      {due.format(new Date(item.dueAt))}{' '}
                      {item.overdue ? <Chip size="small" color="error" label="Overdue" /> : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </FigureCard>
      </Grid>
      <Grid size={{ xs: 12, md: 4 }}>
        <FigureCard
          title="Waiting in the shared queue"
          range={data.sharedQueue.range}
          timeZone={timeZone}
          testId="fig-shared-queue"
        >
          <BigNumber
            value={data.sharedQueue.count}
            to={requestsListPath(data.sharedQueue.filter)}
            testId="shared-queue-count"
            caption="verified requests nobody holds"
          />
        </FigureCard>
      </Grid>
    </Grid>
  );
};

/** An admin's home: accounts and background jobs; nothing personal. */
export const AdminDashboardView = ({
  data,
  timeZone,
}: {
  data: AdminDashboard;
  timeZone: string;
}) => (
  <Grid container spacing={2}>
    <Grid size={{ xs: 12, md: 6 }}>
      <FigureCard
        title="Accounts"
        range={data.accounts.range}
        timeZone={timeZone}
        testId="fig-accounts"
      >
        <Table size="small" aria-label="Accounts by role">
          <TableHead>
            <TableRow>
              <TableCell>Role</TableCell>
              <TableCell align="right">Active</TableCell>
              <TableCell align="right">Deactivated</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.accounts.byRole.map((r) => (
              <TableRow key={r.role}>
                <TableCell>{ROLE_LABELS[r.role]}</TableCell>
                <TableCell align="right">{r.active}</TableCell>
                <TableCell align="right">{r.inactive}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </FigureCard>
    </Grid>
    <Grid size={{ xs: 12, md: 6 }}>
      <FigureCard
        title="Background jobs"
        range={data.jobs.range}
        timeZone={timeZone}
        testId="fig-jobs"
      >
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {data.jobs.byStatus.length === 0 ? (
            <Typography variant="body2">No background jobs yet.</Typography>
          ) : (
            data.jobs.byStatus.map((j) => (
              <Chip
                key={j.status}
                label={`${j.status.charAt(0).toUpperCase()}${j.status.slice(1)}: ${j.count}`}
                color={j.status === 'dead' && j.count ? 'error' : 'default'}
                component={RouterLink}
                to="/jobs"
                clickable
              />
            ))
          )}
        </Stack>
      </FigureCard>
    </Grid>
  </Grid>
);
