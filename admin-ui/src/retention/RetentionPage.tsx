import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import {
  Alert,
  Chip,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  RETENTION_RULE_LABELS,
  RETENTION_TABLE_LABELS,
  RETENTION_TABLES,
  type RetentionCounts,
  type RetentionReportDto,
} from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useCanAccess } from 'react-admin';

import { apiFetch } from '../api';
import { ConfirmedActionButton } from '../common/ConfirmedActionButton';
import { SectionCard } from '../common/SectionCard';

const CountsTable = ({ counts, label }: { counts: RetentionCounts; label: string }) => (
  <Table size="small" aria-label={label}>
    <TableHead>
      <TableRow>
        <TableCell>What</TableCell>
        <TableCell>Table</TableCell>
        <TableCell align="right">Rows</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {RETENTION_TABLES.map((table) => (
        <TableRow key={table}>
          <TableCell>{RETENTION_TABLE_LABELS[table]}</TableCell>
          <TableCell>
            <code>{table}</code>
          </TableCell>
          <TableCell align="right">{counts[table]}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const References = ({ title, items }: { title: string; items: string[] }) =>
  items.length === 0 ? null : (
    <>
      <Typography variant="body2" sx={{ mt: 2, mb: 1 }}>
        {title}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
        {items.map((item) => (
          <Chip key={item} size="small" label={item} />
        ))}
      </Stack>
    </>
  );

const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * GET /api/retention/preview: the retention periods with their citations (as the server
 * explains them), and the dry run of the purge. Admins can purge now, after a confirmation.
 */
export const RetentionPage = () => {
  const { canAccess: canPurge } = useCanAccess({ resource: 'retention', action: 'purge' });
  const [lastRun, setLastRun] = useState<RetentionReportDto | null>(null);
  const { data, error, isPending } = useQuery({
    queryKey: ['retention-preview'],
    queryFn: () => apiFetch<RetentionReportDto>('/retention/preview'),
  });
  if (error) return <Alert severity="error">The retention preview could not be loaded.</Alert>;
  if (isPending || !data) return <Typography>Loading…</Typography>;
  const total = RETENTION_TABLES.reduce((sum, table) => sum + data.counts[table], 0);
  return (
    <div data-testid="retention">
      <Title title="Retention" />
      <SectionCard title="Retention periods">
        {data.periods.map((period) => (
          <div key={period.id} style={{ marginBottom: 12 }}>
            <Typography variant="body1" sx={{ fontWeight: 600 }}>
              {RETENTION_RULE_LABELS[period.id]}: {period.amount} {period.unit}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {period.citation}
            </Typography>
            <Typography variant="body2">{period.explanation}</Typography>
          </div>
        ))}
        <Typography variant="body2" color="text.secondary">
          The purge runs every day as a background job. Audit entries and suppression (opt-out)
          entries are never purged.
        </Typography>
      </SectionCard>
      <SectionCard title={`Dry run on ${dayOf(data.at)}: what a purge now would remove`}>
        {total === 0 ? (
          <Typography variant="body2">Nothing is past its retention period.</Typography>
        ) : (
          <CountsTable counts={data.counts} label="What a purge now would remove" />
        )}
        <Typography variant="body2" sx={{ mt: 2 }}>
          Held although past their period (an open request, an open violation flag or a gag order in
          force): {data.held.requests} request(s), {data.held.disclosures} disclosure(s).
        </Typography>
        <References title="Requests" items={data.requests} />
        <References title="Disclosures" items={data.disclosures} />
        <References title="Subjects (ids)" items={data.subjects} />
        {canPurge && (
          <Stack direction="row" sx={{ mt: 2 }}>
            <ConfirmedActionButton
              label="Purge now"
              icon={<DeleteSweepIcon />}
              color="error"
              title="Purge what is past its retention period?"
              content={`This blanks the personal data counted above (${total} row(s)) for good. Figures for reports stay. The purge is audited with its counts.`}
              run={async () =>
                setLastRun(await apiFetch<RetentionReportDto>('/retention/run', { method: 'POST' }))
              }
              success="The purge is done"
              failure="The purge failed; nothing of the failed batch was changed"
            />
          </Stack>
        )}
      </SectionCard>
      {lastRun && (
        <SectionCard title={`Purge of ${dayOf(lastRun.at)}: ${lastRun.batches} batch(es)`}>
          <CountsTable counts={lastRun.counts} label="What the purge removed" />
        </SectionCard>
      )}
    </div>
  );
};
