import {
  Alert,
  Button,
  Chip,
  FormControlLabel,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import {
  LEGAL_PROCESS_TYPE_LABELS,
  VIOLATION_SEVERITY_LABELS,
  VIOLATION_STATUS_LABELS,
  type LegalProcessDto,
  type SubjectAccountingDto,
  type ViolationFlagDto,
} from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useCanAccess, useRecordContext } from 'react-admin';

import { API_URL, apiFetch } from '../api';
import { basisLabel, categoriesLabel, recipientTypeLabel, reviewStatusLabel } from './presentation';
import { SectionCard } from '../common/SectionCard';

/** The subject's accounting of disclosures, in the staff view or the subject's own view. */
const Accounting = ({ subjectId }: { subjectId: string }) => {
  const [subjectView, setSubjectView] = useState(false);
  const view = subjectView ? 'subject' : 'staff';
  const { data, error, isPending } = useQuery({
    queryKey: ['subjects', subjectId, 'disclosures', view],
    queryFn: () =>
      apiFetch<SubjectAccountingDto>(
        `/subjects/${encodeURIComponent(subjectId)}/disclosures?view=${view}`,
      ),
  });
  let content: ReactNode;
  if (error) content = <Alert severity="error">The accounting could not be loaded.</Alert>;
  else if (isPending || !data) content = <Typography variant="body2">Loading…</Typography>;
  else if (!data.entries.length && !data.groups.length)
    content = <Typography variant="body2">No disclosures in the period.</Typography>;
  else
    content = (
      <Table size="small" aria-label="Disclosures of this subject" data-testid="subject-accounting">
        <TableHead>
          <TableRow>
            {view === 'staff' ? <TableCell>Reference</TableCell> : null}
            <TableCell>Date</TableCell>
            <TableCell>Recipient</TableCell>
            <TableCell>Basis</TableCell>
            <TableCell>Purpose</TableCell>
            <TableCell>Data</TableCell>
            {view === 'staff' ? <TableCell>Review</TableCell> : null}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.entries.map((e, index) => (
            <TableRow key={e.reference ?? `entry-${index}`}>
              {view === 'staff' ? (
                <TableCell>
                  {e.reference}{' '}
                  {e.gagged ? <Chip size="small" color="warning" label="Gag in force" /> : null}
                </TableCell>
              ) : null}
              <TableCell>{e.disclosedAt}</TableCell>
              <TableCell>
                {e.recipientName} ({recipientTypeLabel(e.recipientType)})
              </TableCell>
              <TableCell>{basisLabel(e.basis)}</TableCell>
              <TableCell>{e.purpose}</TableCell>
              <TableCell>{categoriesLabel(e.dataCategories)}</TableCell>
              {view === 'staff' ? (
                <TableCell>{e.reviewStatus ? reviewStatusLabel(e.reviewStatus) : ''}</TableCell>
              ) : null}
            </TableRow>
          ))}
          {view === 'subject'
            ? data.groups.map((g, index) => (
                <TableRow key={`group-${index}`}>
                  <TableCell>
                    {g.first} to {g.last} ({g.frequency} times)
                  </TableCell>
                  <TableCell>
                    {g.recipientName} ({recipientTypeLabel(g.recipientType)})
                  </TableCell>
                  <TableCell>{basisLabel(g.basis)}</TableCell>
                  <TableCell>{g.purpose}</TableCell>
                  <TableCell>{categoriesLabel(g.dataCategories)}</TableCell>
                </TableRow>
              ))
            : null}
        </TableBody>
      </Table>
    );
  return (
    <SectionCard title="Disclosures (accounting)">
      <FormControlLabel
        control={<Switch checked={subjectView} onChange={(_e, on) => setSubjectView(on)} />}
        label="Show the subject's view (approved only, gagged entries left out)"
      />
      <Button
        size="small"
        href={`${API_URL}/subjects/${encodeURIComponent(subjectId)}/disclosures?view=${view}&format=csv`}
      >
        Download CSV
      </Button>
      {data?.explanation ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {data.explanation}
        </Typography>
      ) : null}
      {content}
    </SectionCard>
  );
};

/** A list another feature serves (flags, legal process), read by subject; empty-safe. */
function useSubjectList<T>(resource: string, subjectId: string, enabled: boolean) {
  return useQuery({
    queryKey: [resource, 'bySubject', subjectId],
    queryFn: () =>
      apiFetch<T[]>(
        `/${resource}?filter=${encodeURIComponent(JSON.stringify({ subjectId }))}&range=${encodeURIComponent('[0,99]')}`,
      ),
    enabled,
    retry: false,
  });
}

const Flags = ({ subjectId }: { subjectId: string }) => {
  const { canAccess } = useCanAccess({ resource: 'violations', action: 'list' });
  const { data, error } = useSubjectList<ViolationFlagDto>(
    'violations',
    subjectId,
    canAccess === true,
  );
  if (!canAccess) return null;
  const flags = Array.isArray(data) ? data : [];
  return (
    <SectionCard title="Violation flags">
      {error ? <Typography variant="body2">Flags are not available.</Typography> : null}
      {!error && !flags.length ? <Typography variant="body2">No flags.</Typography> : null}
      {flags.map((f) => (
        <Typography key={f.id} variant="body2">
          <Link to={`/violations/${f.id}/show`}>{f.reference}</Link>{' '}
          {VIOLATION_SEVERITY_LABELS[f.severity] ?? f.severity} ·{' '}
          {VIOLATION_STATUS_LABELS[f.status] ?? f.status}
        </Typography>
      ))}
    </SectionCard>
  );
};

const LegalProcesses = ({ subjectId }: { subjectId: string }) => {
  const { canAccess } = useCanAccess({ resource: 'legal-process', action: 'list' });
  const { data, error } = useSubjectList<LegalProcessDto>(
    'legal-process',
    subjectId,
    canAccess === true,
  );
  if (!canAccess) return null;
  const processes = Array.isArray(data) ? data : [];
  return (
    <SectionCard title="Legal process">
      {error ? <Typography variant="body2">Legal process is not available.</Typography> : null}
      {!error && !processes.length ? <Typography variant="body2">None.</Typography> : null}
      {processes.map((p) => (
        <Typography key={p.id} variant="body2">
          <Link to={`/legal-process/${p.id}/show`}>{p.reference}</Link>{' '}
          {LEGAL_PROCESS_TYPE_LABELS[p.type] ?? p.type}
          {p.gag?.inForce ? ' · gag order in force' : ''}
        </Typography>
      ))}
    </SectionCard>
  );
};

/** On a subject's page: their disclosures, flags and legal process. */
export const SubjectDisclosureLog = () => {
  const record = useRecordContext<{ id: string }>();
  const { canAccess } = useCanAccess({ resource: 'disclosures', action: 'list' });
  if (!record) return null;
  return (
    <>
      {canAccess ? <Accounting subjectId={String(record.id)} /> : null}
      <Flags subjectId={String(record.id)} />
      <LegalProcesses subjectId={String(record.id)} />
    </>
  );
};
