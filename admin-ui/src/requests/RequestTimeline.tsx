import AddCircleOutlineIcon from '@mui/icons-material/AddCircleOutlined';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import CampaignIcon from '@mui/icons-material/Campaign';
import CallMergeIcon from '@mui/icons-material/CallMerge';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import DownloadIcon from '@mui/icons-material/Download';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import LinkIcon from '@mui/icons-material/Link';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import MailOutlineIcon from '@mui/icons-material/MailOutlined';
import PanToolIcon from '@mui/icons-material/PanTool';
import PublishedWithChangesIcon from '@mui/icons-material/PublishedWithChanges';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import SendIcon from '@mui/icons-material/Send';
import StickyNote2Icon from '@mui/icons-material/StickyNote2';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import TimerOffIcon from '@mui/icons-material/TimerOff';
import TimelineIcon from '@mui/icons-material/Timeline';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import { Alert, Box, List, ListItem, ListItemIcon, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useRecordContext } from 'react-admin';

import { useAppDataProvider, type RequestRecord, type TimelineEvent } from '../dataProvider';
import { statusLabel } from './presentation';
import { formatDeskDateTime } from '../common/desk-dates';

const TYPE_ICONS: Record<string, ReactElement> = {
  created: <AddCircleOutlineIcon />,
  verified: <VerifiedUserIcon color="success" />,
  claimed: <PanToolIcon />,
  released: <LockOpenIcon />,
  assigned: <AssignmentIndIcon />,
  status_changed: <SwapHorizIcon />,
  extended: <EventRepeatIcon color="warning" />,
  note: <StickyNote2Icon color="action" />,
  email_sent: <MailOutlineIcon color="primary" />,
  verification_resent: <ForwardToInboxIcon color="primary" />,
  duplicate_linked: <ContentCopyIcon color="warning" />,
  subject_linked: <LinkIcon />,
  lease_expired: <TimerOffIcon color="warning" />,
  merged: <CallMergeIcon />,
  correction_decided: <FactCheckIcon />,
  correction_applied: <PublishedWithChangesIcon color="success" />,
  recipient_notified: <CampaignIcon />,
  package_sent: <SendIcon color="primary" />,
  package_downloaded: <DownloadIcon />,
  report_incomplete: <ReportProblemIcon color="warning" />,
};

const TYPE_LABELS: Record<string, string> = {
  created: 'Received',
  verified: 'Email confirmed',
  claimed: 'Claimed',
  released: 'Released',
  assigned: 'Assigned',
  status_changed: 'Status changed',
  extended: 'Deadline extended',
  note: 'Internal note',
  // The summary says what became of it: queued, held, sent or failed.
  email_sent: 'Email',
  verification_resent: 'Confirmation link resent',
  duplicate_linked: 'Possible duplicate',
  subject_linked: 'Subject linked',
  lease_expired: 'Claim expired',
  merged: 'Merged',
  correction_decided: 'Correction decided',
  correction_applied: 'Correction applied',
  recipient_notified: 'Recipient follow-up',
  suppression: 'Suppression list updated',
  package_sent: 'Package sent',
  package_downloaded: 'Package downloaded',
  report_incomplete: 'Report found incomplete',
};

const formatAt = (at: string) => formatDeskDateTime(at);

const TimelineItem = ({ event }: { event: TimelineEvent }) => (
  <ListItem
    alignItems="flex-start"
    divider
    data-testid="timeline-event"
    data-type={event.type}
    data-from={event.fromStatus ?? undefined}
    data-to={event.toStatus ?? undefined}
    data-mail-status={event.mailStatus ?? undefined}
    sx={{ px: 0 }}
  >
    <ListItemIcon sx={{ mt: 0.5, minWidth: 40 }} aria-hidden>
      {TYPE_ICONS[event.type] ?? <TimelineIcon />}
    </ListItemIcon>
    <ListItemText
      primary={
        <>
          <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
            {event.summary || TYPE_LABELS[event.type] || event.type}
          </Typography>
          <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
            {TYPE_LABELS[event.type] ?? event.type}
          </Typography>
        </>
      }
      secondary={
        <>
          <Typography
            component="span"
            variant="caption"
            color="text.secondary"
            sx={{ display: 'block' }}
          >
            {formatAt(event.at)} · {event.actorLabel}
            {event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus
              ? ` · ${statusLabel(event.fromStatus)} → ${statusLabel(event.toStatus)}`
              : ''}
          </Typography>
          {event.body ? (
            <Typography
              component="span"
              variant="body2"
              sx={{ display: 'block', whiteSpace: 'pre-wrap', mt: 0.5, color: 'text.primary' }}
              data-testid="timeline-body"
            >
              {event.body}
            </Typography>
          ) : null}
        </>
      }
    />
  </ListItem>
);

/** GET /api/requests/:id/timeline, newest first; refetched with the record after each action. */
export const RequestTimeline = () => {
  const record = useRecordContext<RequestRecord>();
  const dataProvider = useAppDataProvider();
  const { data, error, isPending } = useQuery({
    queryKey: ['requests', 'timeline', record?.id],
    queryFn: () => dataProvider.getRequestTimeline(record!.id),
    enabled: Boolean(record?.id),
  });
  if (!record) return null;
  if (error) return <Alert severity="error">The timeline could not be loaded.</Alert>;
  if (isPending) return <Typography variant="body2">Loading the timeline…</Typography>;
  if (!data?.length) return <Typography variant="body2">Nothing has happened yet.</Typography>;
  return (
    <Box>
      <List aria-label="Timeline" dense data-testid="timeline">
        {data.map((event) => (
          <TimelineItem key={event.id} event={event} />
        ))}
      </List>
    </Box>
  );
};
