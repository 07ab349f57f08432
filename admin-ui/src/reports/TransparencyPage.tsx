import { MenuItem, TextField } from '@mui/material';
import {
  LEGAL_PROCESS_OUTCOMES,
  LEGAL_PROCESS_OUTCOME_LABELS,
  LEGAL_PROCESS_TYPE_LABELS,
  TRANSPARENCY_RULES,
  type TransparencyReport,
} from '@privacy-desk/shared';
import { useState } from 'react';

import { recentYears } from './CcpaMetricsPage';
import { DownloadButtons, ReportFrame, ReportRules, ReportTable, useReport } from './ReportPage';
import type { ReportView } from './ReportPage';

function view(report: TransparencyReport): ReportView {
  return {
    header: [
      'Process type',
      'Requests received',
      'Subjects covered',
      'Some data produced (%)',
      ...LEGAL_PROCESS_OUTCOMES.map((o) => LEGAL_PROCESS_OUTCOME_LABELS[o]),
      'Pending',
      'Under a gag order',
    ],
    rows: report.types.map((t) => ({
      key: t.type,
      cells: [
        LEGAL_PROCESS_TYPE_LABELS[t.type],
        t.received,
        t.subjectsCovered,
        t.producedSharePercent,
        ...LEGAL_PROCESS_OUTCOMES.map((o) => (t.outcomes ? t.outcomes[o] : null)),
        t.outcomes ? t.outcomes.pending : null,
        t.underGagOrder,
      ],
    })),
  };
}

/** Half-years, newest first: this year's and the last nine years'. */
function recentPeriods(): string[] {
  return recentYears().flatMap((y) => [`${y}-H2`, `${y}-H1`]);
}

/** The transparency report on legal process for a half-year. */
export const TransparencyPage = () => {
  const periods = recentPeriods();
  const [period, setPeriod] = useState(periods[2]!);
  const path = `/reports/transparency?period=${period}`;
  const { data, error, isPending } = useReport<TransparencyReport>(path);
  return (
    <ReportFrame
      title="Transparency report"
      intro="Legal process received in a half-year, per type of process, as published in a transparency report."
      picker={
        <TextField
          select
          size="small"
          label="Half-year"
          value={period}
          onChange={(e) => setPeriod(e.target.value)}
          fullWidth={false}
          sx={{ width: 160 }}
        >
          {periods.map((p) => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
      }
      downloads={<DownloadButtons path={path} formats={['csv']} />}
      error={error}
      loading={isPending}
    >
      {data ? <ReportTable view={view(data)} label={`Transparency ${data.period}`} /> : null}
      <ReportRules rules={data?.rules ?? TRANSPARENCY_RULES} />
    </ReportFrame>
  );
};
