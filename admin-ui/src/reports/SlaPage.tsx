import { Stack, TextField, Typography } from '@mui/material';
import { SLA_RULES, type SlaReport, type SlaRow } from '@privacy-desk/shared';
import { useState } from 'react';

import { DownloadButtons, ReportFrame, ReportRules, ReportTable, useReport } from './ReportPage';
import type { ReportView } from './ReportPage';

const view = (first: string, rows: SlaRow[]): ReportView => ({
  header: [first, 'On time', 'Late', 'Median days'],
  rows: rows.map((r) => ({ key: r.key, cells: [r.label, r.onTime, r.late, r.medianDays] })),
});

/** The first and last day of the current UTC year so far, as YYYY-MM-DD. */
function thisYear(now = new Date()): { from: string; to: string } {
  return { from: `${now.getUTCFullYear()}-01-01`, to: now.toISOString().slice(0, 10) };
}

/** On-time and late requests, and the median days, per assignee and per kind. */
export const SlaPage = () => {
  const [range, setRange] = useState(thisYear);
  const path = `/reports/sla?from=${range.from}&to=${range.to}`;
  const { data, error, isPending } = useReport<SlaReport>(path);
  return (
    <ReportFrame
      title="SLA report"
      intro="Requests closed in a date range: how many on time and late, and how long they took."
      picker={
        <>
          <TextField
            type="date"
            size="small"
            label="From"
            fullWidth={false}
            value={range.from}
            onChange={(e) => setRange({ ...range, from: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            type="date"
            size="small"
            label="To"
            fullWidth={false}
            value={range.to}
            onChange={(e) => setRange({ ...range, to: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        </>
      }
      downloads={<DownloadButtons path={path} formats={['csv']} />}
      error={error}
      loading={isPending}
    >
      {data ? (
        <Stack spacing={2}>
          <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>
            Per assignee
          </Typography>
          <ReportTable view={view('Assignee', data.byAssignee)} label="SLA per assignee" />
          <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>
            Per kind of request
          </Typography>
          <ReportTable view={view('Request kind', data.byKind)} label="SLA per kind" />
        </Stack>
      ) : null}
      <ReportRules rules={data?.rules ?? SLA_RULES} />
    </ReportFrame>
  );
};
