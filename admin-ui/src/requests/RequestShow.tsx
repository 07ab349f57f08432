import {
  Alert,
  Box,
  Card,
  CardContent,
  Divider,
  Grid,
  Link,
  Stack,
  Typography,
} from '@mui/material';
import { isClosed, weekday } from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import {
  ListButton,
  ShowBase,
  Title,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useShowContext,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { Fact, Section } from '../common/ShowSections';

import { useAppDataProvider, type RequestRecord } from '../dataProvider';
import { DueBadge } from './DueBadge';
import { DuplicateActions } from './DuplicateActions';
import { ExtendDeadlineButton } from './ExtendDeadlineButton';
import { LinkSubjectButton } from './LinkSubjectButton';
import { NoteBox } from './NoteBox';
import { channelLabel, jurisdictionLabel, kindLabel } from './presentation';
import { RequestActionButtons } from './RequestActionButtons';
import { kindUi } from './kinds';
import { RequestStatusChip } from './RequestStatusChip';
import { LeaseHeartbeat } from './LeaseHeartbeat';
import { RequestTimeline } from './RequestTimeline';
import { formatDeskDate, formatDeskDateTime } from '../common/desk-dates';

/** GET /api/requests/:id/clock: the citation, and why no extension is possible (if so). */
const ClockDetails = ({ record }: { record: RequestRecord }) => {
  const dataProvider = useAppDataProvider();
  const { data } = useQuery({
    queryKey: ['requests', 'clock', record.id, record.version],
    queryFn: () => dataProvider.getRequestClock(record.id),
  });
  return (
    <>
      {record.legalDueDate ? (
        <Fact labelWidth={130} label="Legal due date" testId="legal-due-date">
          {record.legalDueDate} ({weekday(record.legalDueDate)}): the date the law allows
        </Fact>
      ) : null}
      {record.targetDate ? (
        <Fact labelWidth={130} label="Target date" testId="target-date">
          {record.targetDate} ({weekday(record.targetDate)}): the date the desk aims for
        </Fact>
      ) : null}
      {data?.citation ? (
        <Fact labelWidth={130} label="Legal basis">
          {data.citation}
        </Fact>
      ) : null}
      {record.acknowledgeBy ? (
        <Fact labelWidth={130} label="Acknowledge by">
          {record.acknowledgeBy}
        </Fact>
      ) : null}
      {record.extendedAt ? (
        <Fact labelWidth={130} label="Extended" testId="extension">
          {formatDeskDateTime(record.extendedAt)} (originally due {record.originalDueDate})
          {record.extensionReason ? ` — ${record.extensionReason}` : ''}
        </Fact>
      ) : null}
      {!record.extensionAvailable && !isClosed(record.status) && data?.extensionBlockedReason ? (
        <Fact labelWidth={130} label="Extension">
          No extension: {data.extensionBlockedReason}
        </Fact>
      ) : null}
    </>
  );
};

const RequestHeader = ({ record }: { record: RequestRecord }) => (
  <Card sx={{ mb: 2 }}>
    <CardContent>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}
      >
        <Typography component="h1" variant="h5" data-testid="request-reference">
          {record.reference}
        </Typography>
        <RequestStatusChip record={record} />
        <DueBadge record={record} />
        <Box sx={{ flexGrow: 1 }} />
        <ExtendDeadlineButton />
      </Stack>
      <Typography variant="body1" sx={{ mb: 1 }}>
        {kindLabel(record.kind)} · {jurisdictionLabel(record.jurisdiction)} · received via{' '}
        {channelLabel(record.channel).toLowerCase()}
      </Typography>
      <Typography
        variant="body2"
        color="text.secondary"
        sx={{ mb: 1 }}
        data-testid="clock-explanation"
      >
        {record.clockExplanation}
      </Typography>
      <ClockDetails record={record} />
      <Fact labelWidth={130} label="Assignee" testId="request-assignee">
        {record.assigneeName ?? 'Unassigned'}
        {record.assigneeName && record.assignmentKind === 'assignment'
          ? ' (assigned by a manager: stays until a manager changes it)'
          : record.assigneeName && record.leaseExpiresAt
            ? ` (claim held until ${formatDeskDateTime(record.leaseExpiresAt)}, renewed while its holder works on it)`
            : ''}
      </Fact>
      <Divider sx={{ my: 2 }} />
      <RequestActionButtons />
    </CardContent>
  </Card>
);

const SubjectSection = ({ record }: { record: RequestRecord }) => {
  const { canAccess: canSeeSubjects } = useCanAccess({ resource: 'subjects', action: 'show' });
  if (!record.subjectId) {
    return (
      <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Typography variant="body2" color="text.secondary">
          Not linked to a subject in our records yet.
        </Typography>
        <LinkSubjectButton />
      </Stack>
    );
  }
  const name = record.subjectName ?? record.subjectId;
  return canSeeSubjects ? (
    <Link
      component={RouterLink}
      to={`/subjects/${encodeURIComponent(record.subjectId)}/show`}
      data-testid="request-subject"
    >
      {name}
    </Link>
  ) : (
    <Typography variant="body2" data-testid="request-subject">
      {name}
    </Typography>
  );
};

const Outcome = ({ record }: { record: RequestRecord }) => {
  if (!record.resolution && !record.reason) return null;
  return (
    <Grid size={12}>
      <Section title="Outcome">
        {record.resolution ? (
          <Fact labelWidth={130} label="Resolution" testId="request-resolution">
            <span style={{ whiteSpace: 'pre-wrap' }}>{record.resolution}</span>
          </Fact>
        ) : null}
        {record.reason ? (
          <Fact labelWidth={130} label="Reason" testId="request-reason">
            <span style={{ whiteSpace: 'pre-wrap' }}>{record.reason}</span>
          </Fact>
        ) : null}
      </Section>
    </Grid>
  );
};

const RequestShowView = () => {
  const { isPending, error } = useShowContext<RequestRecord>();
  const record = useRecordContext<RequestRecord>();
  if (error) return <Alert severity="error">The request could not be loaded.</Alert>;
  if (isPending || !record) return null;
  return (
    <Box sx={{ mt: 1 }} data-testid="request-show" data-status={record.status}>
      <Title title={`Request ${record.reference}`} />
      <TopToolbar>
        <ListButton label="Requests" />
      </TopToolbar>
      {record.duplicateOfId ? (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="duplicate-warning">
          This looks like a duplicate of{' '}
          <Link
            component={RouterLink}
            to={`/requests/${encodeURIComponent(record.duplicateOfId)}/show`}
          >
            {record.duplicateOfReference ?? 'an earlier request'}
          </Link>
          . Check it before doing the work twice.
          <DuplicateActions record={record} />
        </Alert>
      ) : null}
      <RequestHeader record={record} />
      <LeaseHeartbeat record={record} />
      <Grid container spacing={2} sx={{ mb: 2 }}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Section title="What was asked">
            <KindPayloadView record={record} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2} sx={{ height: '100%' }}>
            <Section title="Requester">
              <Fact labelWidth={130} label="Name" testId="requester-name">
                {record.requesterName}
              </Fact>
              <Fact labelWidth={130} label="Email" testId="requester-email">
                {record.requesterEmail}
              </Fact>
              <Fact labelWidth={130} label="Received" testId="request-received">
                {formatDeskDate(record.receivedAt)}
              </Fact>
            </Section>
            <Section title="Subject">
              <SubjectSection record={record} />
            </Section>
          </Stack>
        </Grid>
        <Outcome record={record} />
      </Grid>
      <KindWorkPanel record={record} />
      <Section title="Timeline">
        <NoteBox />
        <RequestTimeline />
      </Section>
    </Box>
  );
};

const KindPayloadView = ({ record }: { record: RequestRecord }) => {
  const { PayloadView } = kindUi(record.kind);
  return <PayloadView record={record} />;
};

const KindWorkPanel = ({ record }: { record: RequestRecord }) => {
  const { WorkPanel } = kindUi(record.kind);
  return WorkPanel ? <WorkPanel record={record} /> : null;
};

export const RequestShow = () => (
  <ShowBase>
    <RequestShowView />
  </ShowBase>
);
