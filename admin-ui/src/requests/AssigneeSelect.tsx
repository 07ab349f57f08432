import { MenuItem, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';

import { useAppDataProvider } from '../dataProvider';

/** The active staff a manager can hand requests to (GET /api/requests/assignees). */
export const AssigneeSelect = ({
  value,
  onChange,
  disabled,
}: {
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) => {
  const dataProvider = useAppDataProvider();
  const { data, isPending, error } = useQuery({
    queryKey: ['requests', 'assignees'],
    queryFn: () => dataProvider.getAssignees(),
    staleTime: 60_000,
  });
  return (
    <TextField
      select
      fullWidth
      label="Assignee"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      disabled={disabled || isPending}
      error={Boolean(error)}
      helperText={
        error ? 'The list of staff could not be loaded' : isPending ? 'Loading staff…' : ' '
      }
    >
      {(data ?? []).map((assignee) => (
        <MenuItem key={assignee.id} value={assignee.id}>
          {assignee.name}
        </MenuItem>
      ))}
    </TextField>
  );
};
