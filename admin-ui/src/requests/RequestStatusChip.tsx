import { Chip } from '@mui/material';
import { useRecordContext } from 'react-admin';

import type { RequestRecord } from '../dataProvider';
import { statusColor, statusLabel } from './presentation';

export const RequestStatusChip = ({ record: given }: { record?: RequestRecord }) => {
  const fromContext = useRecordContext<RequestRecord>();
  const record = given ?? fromContext;
  if (!record) return null;
  return (
    <Chip
      size="small"
      label={statusLabel(record.status)}
      color={statusColor(record.status)}
      data-testid="request-status"
      data-status={record.status}
    />
  );
};
