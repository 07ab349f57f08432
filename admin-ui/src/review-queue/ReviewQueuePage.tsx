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
  LEGAL_PROCESS_TYPE_LABELS,
  VIOLATION_CATEGORY_LABELS,
  VIOLATION_SEVERITIES,
  VIOLATION_SEVERITY_LABELS,
  type ReviewQueueDto,
} from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import { Link, Title } from 'react-admin';

import { apiFetch } from '../api';
import { SectionCard } from '../common/SectionCard';

const Empty = ({ text }: { text: string }) => <Typography variant="body2">{text}</Typography>;

const showPath = (kind: 'disclosure' | 'legal_process', id: string) =>
  kind === 'disclosure' ? `/disclosures/${id}/show` : `/legal-process/${id}/show`;

/** GET /api/review-queue: what waits for a compliance officer. */
export const ReviewQueuePage = () => {
  const { data, error, isPending } = useQuery({
    queryKey: ['review-queue'],
    queryFn: () => apiFetch<ReviewQueueDto>('/review-queue'),
  });
  if (error) return <Alert severity="error">The review queue could not be loaded.</Alert>;
  if (isPending || !data) return <Typography>Loading…</Typography>;
  return (
    <div data-testid="review-queue">
      <Title title="Review queue" />
      <SectionCard title="Pending compliance review">
        {data.pendingReview.length === 0 ? (
          <Empty text="Nothing waits for review." />
        ) : (
          <Table size="small" aria-label="Pending review">
            <TableHead>
              <TableRow>
                <TableCell>Reference</TableCell>
                <TableCell>What</TableCell>
                <TableCell>Recorded by</TableCell>
                <TableCell>Submitted</TableCell>
                <TableCell>Four eyes</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.pendingReview.map((item) => (
                <TableRow key={item.id}>
                  <TableCell>
                    <Link to={showPath(item.kind, item.id)}>{item.reference}</Link>
                  </TableCell>
                  <TableCell>{item.summary}</TableCell>
                  <TableCell>{item.recordedBy.name}</TableCell>
                  <TableCell>{item.submittedAt.slice(0, 10)}</TableCell>
                  <TableCell>
                    {item.canApprove ? (
                      <Chip size="small" color="success" label="You may approve" />
                    ) : (
                      <Chip size="small" label="Another officer must approve" />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </SectionCard>
      <SectionCard title="Legal process due within 3 days or overdue">
        {data.legalProcessDueSoon.length === 0 ? (
          <Empty text="No legal process is due soon." />
        ) : (
          <Stack spacing={0.5}>
            {data.legalProcessDueSoon.map((p) => (
              <Typography key={p.id} variant="body2">
                <Link to={`/legal-process/${p.id}/show`}>{p.reference}</Link>{' '}
                {LEGAL_PROCESS_TYPE_LABELS[p.type]}, due {p.dueDate}{' '}
                <Chip
                  size="small"
                  color={p.deadline === 'overdue' ? 'error' : 'warning'}
                  label={p.deadline === 'overdue' ? 'Overdue' : 'Due soon'}
                />
              </Typography>
            ))}
          </Stack>
        )}
      </SectionCard>
      <SectionCard title="Gag orders lapsing within 30 days">
        {data.gagOrdersLapsing.length === 0 ? (
          <Empty text="No gag order lapses within 30 days." />
        ) : (
          <Stack spacing={0.5}>
            {data.gagOrdersLapsing.map((g) => (
              <Typography key={g.id} variant="body2">
                <Link to={`/legal-process/${g.id}/show`}>{g.reference}</Link>: holds until{' '}
                {g.gagUntil}, {g.subjectCount} subject(s) to notify after
              </Typography>
            ))}
          </Stack>
        )}
      </SectionCard>
      <SectionCard title="Open violation flags">
        <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
          {[...VIOLATION_SEVERITIES].reverse().map((s) => (
            <Chip
              key={s}
              size="small"
              label={`${VIOLATION_SEVERITY_LABELS[s]}: ${data.openFlagsBySeverity[s] ?? 0}`}
            />
          ))}
        </Stack>
        {data.openFlags.length === 0 ? (
          <Empty text="No open flags." />
        ) : (
          <Stack spacing={0.5}>
            {data.openFlags.map((f) => (
              <Typography key={f.id} variant="body2">
                <Link to={`/violations/${f.id}/show`}>{f.reference}</Link>{' '}
                {VIOLATION_SEVERITY_LABELS[f.severity]} · {VIOLATION_CATEGORY_LABELS[f.category]} ·{' '}
                {f.subject.name}
              </Typography>
            ))}
          </Stack>
        )}
      </SectionCard>
    </div>
  );
};
