import {
  Card,
  CardContent,
  Chip,
  Divider,
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
  EditButton,
  ListButton,
  ShowBase,
  Title,
  TopToolbar,
  useCanAccess,
  useShowContext,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { Fact, Section } from '../common/ShowSections';

import { DocumentsPanel } from '../documents/DocumentsPanel';
import { GagChip } from './GagChip';
import { LegalDueBadge } from './LegalDueBadge';
import { LegalProcessActionButtons } from './LegalProcessActionButtons';
import {
  categoryLabel,
  outcomeLabel,
  reviewStatusLabel,
  statusLabel,
  typeLabel,
  type LegalProcessRecord,
} from './presentation';
import { ReviewButtons } from './ReviewButtons';
import { formatDeskDate, formatDeskDateTime } from '../common/desk-dates';

const noticeStatus = (
  record: LegalProcessRecord,
  subject: NonNullable<LegalProcessRecord['subjects']>[number],
) => {
  if (subject.notifiedAt) return `Notified ${formatDeskDateTime(subject.notifiedAt)}`;
  if (subject.noticeRequest)
    return (
      <Link component={RouterLink} to={`/requests/${subject.noticeRequest.id}/show`}>
        Notice task {subject.noticeRequest.reference}
      </Link>
    );
  if (record.gag.inForce) return 'Not to be told: gag order in force';
  return 'Not notified';
};

const Subjects = ({ record }: { record: LegalProcessRecord }) => (
  <Table size="small" data-testid="lp-subjects">
    <TableHead>
      <TableRow>
        <TableCell>Subject</TableCell>
        <TableCell>Email</TableCell>
        <TableCell>Notice</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {(record.subjects ?? []).map((s) => (
        <TableRow key={s.id}>
          <TableCell>
            <Link component={RouterLink} to={`/subjects/${s.id}/show`}>
              {s.name}
            </Link>
          </TableCell>
          <TableCell>{s.email}</TableCell>
          <TableCell>{noticeStatus(record, s)}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** Edits are for those who record legal process, before a response or after it was returned. */
const canEdit = (record: LegalProcessRecord) =>
  (['received', 'under_review'].includes(record.status) && record.actions.length > 0) ||
  (record.review?.status === 'returned' && record.review.actions.includes('resubmit'));

const Content = () => {
  const { record } = useShowContext<LegalProcessRecord>();
  const { canAccess: canRecord } = useCanAccess({ resource: 'legal-process', action: 'edit' });
  if (!record) return null;
  return (
    <>
      <Title title={record.reference} />
      <TopToolbar>
        <ListButton label="Legal process" />
        {canEdit(record) ? <EditButton /> : null}
      </TopToolbar>
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Stack
            direction="row"
            spacing={2}
            useFlexGap
            sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}
          >
            <Typography component="h1" variant="h5" data-testid="lp-reference">
              {record.reference}
            </Typography>
            <Chip
              size="small"
              label={statusLabel(record.status)}
              data-testid="lp-status"
              data-status={record.status}
            />
            {record.review ? (
              <Chip
                size="small"
                color={record.review.status === 'approved' ? 'success' : 'default'}
                label={reviewStatusLabel(record.review.status)}
                data-testid="lp-review-status"
                data-status={record.review.status}
              />
            ) : null}
            <LegalDueBadge record={record} />
            <GagChip record={record} />
          </Stack>
          <Typography variant="body1" sx={{ mb: 1 }}>
            {typeLabel(record.type)} from {record.issuingAuthority} · {record.jurisdiction}
            {record.caseNumber ? ` · case ${record.caseNumber}` : ''}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {record.due.explanation}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {record.gag.explanation}
          </Typography>
          <Divider sx={{ my: 2 }} />
          <LegalProcessActionButtons record={record} />
        </CardContent>
      </Card>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="The demand">
            <Fact labelWidth={170} label="Requesting agency">
              {record.requestingAgency}
            </Fact>
            <Fact labelWidth={170} label="Requesting officer">
              {record.requestingOfficer}
            </Fact>
            <Fact labelWidth={170} label="Identity verified by">
              {record.identityVerification}
            </Fact>
            <Fact labelWidth={170} label="Received">
              {formatDeskDate(record.receivedAt)}
            </Fact>
            <Fact labelWidth={170} label="Response due on">
              {record.responseDueOn}
            </Fact>
            <Fact labelWidth={170} label="Data asked for">
              {record.dataCategories.map(categoryLabel).join(', ')}
            </Fact>
            <Fact labelWidth={170} label="Period">
              {record.periodStart || record.periodEnd
                ? `${record.periodStart ?? '…'} to ${record.periodEnd ?? '…'}`
                : null}
            </Fact>
            <Fact labelWidth={170} label="Notes">
              {record.notes}
            </Fact>
            <Fact labelWidth={170} label="Recorded by">
              {record.recordedBy.name}
            </Fact>
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Section title="Response and compliance review">
            <Fact labelWidth={170} label="Legal reviewer">
              {record.legalReviewer?.name}
            </Fact>
            <Fact labelWidth={170} label="Outcome">
              {outcomeLabel(record.outcome)}
            </Fact>
            <Fact labelWidth={170} label="Response">
              {record.responseSummary}
            </Fact>
            <Fact labelWidth={170} label="Responded">
              {formatDeskDateTime(record.respondedAt)}
            </Fact>
            <Fact labelWidth={170} label="Disclosures produced">
              {record.disclosures?.length ? (
                <Stack direction="row" spacing={1} data-testid="lp-disclosures">
                  {record.disclosures.map((d) => (
                    <Link key={d.id} component={RouterLink} to={`/disclosures/${d.id}/show`}>
                      {d.reference}
                    </Link>
                  ))}
                </Stack>
              ) : (
                'None'
              )}
            </Fact>
            {record.review ? (
              <>
                <Fact labelWidth={170} label="Reviewed by">
                  {record.review.reviewedBy
                    ? `${record.review.reviewedBy.name}, ${formatDeskDateTime(record.review.reviewedAt)}`
                    : null}
                </Fact>
                <Fact labelWidth={170} label="Review note">
                  {record.review.note}
                </Fact>
                <ReviewButtons record={record} />
              </>
            ) : null}
          </Section>
        </Grid>
        <Grid size={12}>
          <DocumentsPanel
            ownerType="legal_process"
            ownerId={record.id}
            canUpload={!!canRecord && record.review?.status !== 'approved'}
            defaultRole="order"
            title="Documents (the order, the response letter, evidence)"
          />
        </Grid>
        <Grid size={12}>
          <Section title={`Subjects named (${record.subjectCount})`}>
            <Subjects record={record} />
          </Section>
        </Grid>
      </Grid>
    </>
  );
};

export const LegalProcessShow = () => (
  <ShowBase queryOptions={{ refetchOnWindowFocus: true }}>
    <Content />
  </ShowBase>
);
