import { Chip, Tooltip, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

import type { RequestRecord } from '../dataProvider';
import { deadlineColor, deadlineLabel } from './presentation';

/**
 * The due date, coloured by how close it is (overdue red, due soon amber). Hovering shows how
 * the date was worked out. A closed request has no deadline: just the date, greyed.
 */
export const DueBadge = ({ record: given }: { record?: RequestRecord }) => {
  const fromContext = useRecordContext<RequestRecord>();
  const record = given ?? fromContext;
  if (!record) return null;
  if (!record.deadline) {
    return (
      <Tooltip title={record.clockExplanation ?? ''}>
        <Typography
          component="span"
          variant="body2"
          color="text.secondary"
          data-testid="due-badge"
          data-deadline="closed"
        >
          {record.dueDate}
        </Typography>
      </Tooltip>
    );
  }
  const state = deadlineLabel(record.deadline);
  return (
    <Tooltip title={record.clockExplanation ?? ''}>
      <Chip
        size="small"
        variant={record.deadline === 'on_track' ? 'outlined' : 'filled'}
        color={deadlineColor(record.deadline)}
        label={record.deadline === 'on_track' ? record.dueDate : `${record.dueDate} · ${state}`}
        aria-label={`Due ${record.dueDate} (${state})`}
        data-testid="due-badge"
        data-deadline={record.deadline}
      />
    </Tooltip>
  );
};
