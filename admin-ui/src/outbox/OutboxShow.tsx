import { Box, Link, Typography } from '@mui/material';
import {
  Labeled,
  ListButton,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
} from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

import type { OutboxRecord } from '../dataProvider';
import { OutboxStatusChip } from './OutboxStatusChip';
import { DeskDateField } from '../common/DeskDateField';

const preSx = {
  m: 0,
  p: 1.5,
  bgcolor: 'action.hover',
  borderRadius: 1,
  fontFamily: 'monospace',
  fontSize: '0.85rem',
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  maxHeight: 600,
  overflow: 'auto',
} as const;

const OutboxTitle = () => {
  const record = useRecordContext<OutboxRecord>();
  return <>{record ? `Email to ${record.to}` : 'Email'}</>;
};

const OutboxShowActions = () => (
  <TopToolbar>
    <ListButton label="Outbox" />
  </TopToolbar>
);

const MessageBody = () => {
  const record = useRecordContext<OutboxRecord>();
  if (!record) return null;
  return (
    <>
      <Box component="pre" sx={preSx} data-testid="outbox-body">
        {record.body}
      </Box>
      {record.template === 'verification' && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ mt: 1 }}
          data-testid="outbox-link-note"
        >
          The confirmation link is single-use and goes only to the requester, so it is not shown
          here. The requester follows it to confirm that the request is theirs.
        </Typography>
      )}
    </>
  );
};

/** The request the email belongs to, linked for those who may open requests. */
const RequestLink = () => {
  const record = useRecordContext<OutboxRecord>();
  const { canAccess } = useCanAccess({ resource: 'requests', action: 'show' });
  if (!record?.requestId) return <Typography variant="body2">—</Typography>;
  if (!canAccess) return <Typography variant="body2">{record.requestId}</Typography>;
  return (
    <Link component={RouterLink} to={`/requests/${encodeURIComponent(record.requestId)}/show`}>
      Open the request
    </Link>
  );
};

const LastError = () => {
  const record = useRecordContext<OutboxRecord>();
  if (!record?.lastError) return <Typography variant="body2">None</Typography>;
  return (
    <Box component="pre" sx={{ ...preSx, color: 'error.main' }} data-testid="outbox-last-error">
      {record.lastError}
    </Box>
  );
};

export const OutboxShow = () => (
  <Show title={<OutboxTitle />} actions={<OutboxShowActions />}>
    <SimpleShowLayout>
      <TextField source="to" label="To" />
      <TextField source="subject" label="Subject" data-testid="outbox-subject" />
      <TextField source="template" label="Template" />
      <Labeled label="Status">
        <OutboxStatusChip />
      </Labeled>
      <DeskDateField source="createdAt" label="Created" showTime />
      <DeskDateField source="sentAt" label="Sent" showTime emptyText="—" />
      <NumberField source="attempts" label="Attempts" />
      <Labeled label="Request">
        <RequestLink />
      </Labeled>
      <Labeled label="Body" fullWidth>
        <MessageBody />
      </Labeled>
      <Labeled label="Last error" fullWidth>
        <LastError />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
