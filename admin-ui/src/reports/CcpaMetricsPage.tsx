import { MenuItem, TextField } from '@mui/material';
import {
  CCPA_METRICS_RULES,
  REPORTED_DENIAL_REASONS,
  REPORTED_DENIAL_REASON_LABELS,
  REQUEST_KIND_LABELS,
  type CcpaMetricsReport,
} from '@privacy-desk/shared';
import { useState } from 'react';

import { DownloadButtons, ReportFrame, ReportRules, ReportTable, useReport } from './ReportPage';
import type { ReportView } from './ReportPage';

/** The last ten calendar years, newest first. */
export function recentYears(now = new Date()): number[] {
  const year = now.getUTCFullYear();
  return Array.from({ length: 10 }, (_, i) => year - i);
}

function view(report: CcpaMetricsReport): ReportView {
  return {
    header: [
      'Request kind',
      'Received',
      'Complied with in whole',
      'Complied with in part',
      'Denied',
      ...REPORTED_DENIAL_REASONS.map((r) => `Denied: ${REPORTED_DENIAL_REASON_LABELS[r]}`),
      'Median days to respond',
      'Mean days to respond',
    ],
    rows: report.kinds.map((k) => ({
      key: k.kind,
      cells: [
        REQUEST_KIND_LABELS[k.kind],
        k.received,
        k.compliedInWhole,
        k.compliedInPart,
        k.denied,
        ...REPORTED_DENIAL_REASONS.map((r) => k.deniedByReason[r]),
        k.medianDaysToRespond,
        k.meanDaysToRespond,
      ],
    })),
  };
}

/** CCPA §7102 metrics for a calendar year: the page, and its CSV and PDF. */
export const CcpaMetricsPage = () => {
  const years = recentYears();
  const [year, setYear] = useState(String(years[1]));
  const path = `/reports/ccpa-metrics?year=${year}`;
  const { data, error, isPending } = useReport<CcpaMetricsReport>(path);
  return (
    <ReportFrame
      title="CCPA metrics"
      intro="The figures CCPA regulations §7102 asks a business to publish for each calendar year, per kind of request."
      picker={
        <TextField
          select
          size="small"
          label="Year"
          value={year}
          onChange={(e) => setYear(e.target.value)}
          fullWidth={false}
          sx={{ width: 140 }}
          slotProps={{ select: { inputProps: { 'data-testid': 'report-year' } } }}
        >
          {years.map((y) => (
            <MenuItem key={y} value={String(y)}>
              {y}
            </MenuItem>
          ))}
        </TextField>
      }
      downloads={<DownloadButtons path={path} formats={['csv', 'pdf']} />}
      error={error}
      loading={isPending}
    >
      {data ? (
        <>
          <ReportTable view={view(data)} label={`CCPA metrics ${data.year}`} />
        </>
      ) : null}
      <ReportRules rules={data?.rules ?? CCPA_METRICS_RULES} />
    </ReportFrame>
  );
};
