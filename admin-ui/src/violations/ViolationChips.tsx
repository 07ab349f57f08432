import { Chip } from '@mui/material';
import type { ViolationFlagDto } from '@privacy-desk/shared';
import { useRecordContext } from 'react-admin';

import {
  severityColor,
  severityLabel,
  violationStatusColor,
  violationStatusLabel,
} from './presentation';

export type ViolationRecord = ViolationFlagDto;

export const SeverityChip = ({ record: given }: { record?: ViolationRecord }) => {
  const fromContext = useRecordContext<ViolationRecord>();
  const record = given ?? fromContext;
  if (!record) return null;
  return (
    <Chip
      size="small"
      label={severityLabel(record.severity)}
      color={severityColor(record.severity)}
      data-testid="violation-severity"
      data-severity={record.severity}
    />
  );
};

export const ViolationStatusChip = ({ record: given }: { record?: ViolationRecord }) => {
  const fromContext = useRecordContext<ViolationRecord>();
  const record = given ?? fromContext;
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={violationStatusLabel(record.status)}
      color={violationStatusColor(record.status)}
      data-testid="violation-status"
      data-status={record.status}
    />
  );
};
