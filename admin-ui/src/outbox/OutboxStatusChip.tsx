import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';

import type { OutboxRecord, OutboxStatus } from '../dataProvider';

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  held: 'Held',
  failed: 'Failed',
};

const COLORS: Record<OutboxStatus, 'default' | 'success' | 'warning' | 'error'> = {
  queued: 'default',
  sent: 'success',
  held: 'warning',
  failed: 'error',
};

export const OutboxStatusChip = () => {
  const record = useRecordContext<OutboxRecord>();
  if (!record) return null;
  const known = Object.hasOwn(COLORS, record.status);
  return (
    <Chip
      size="small"
      label={known ? OUTBOX_STATUS_LABELS[record.status] : record.status}
      color={known ? COLORS[record.status] : 'default'}
      data-testid="outbox-status"
      data-status={record.status}
    />
  );
};
