import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';

import { formatDeskDate, formatDeskDateTime } from './desk-dates';

/**
 * A record's date in the desk's time zone: the day only, or with `showTime` the moment. Takes
 * DateField's props that the console uses, so it can stand in for it.
 */
export const DeskDateField = ({
  source,
  showTime = false,
  emptyText = '—',
}: {
  source: string;
  showTime?: boolean;
  emptyText?: string;
  label?: string;
  sortable?: boolean;
}) => {
  const record = useRecordContext<Record<string, unknown>>();
  const value = source
    .split('.')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], record);
  const text =
    typeof value === 'string' || value instanceof Date
      ? showTime
        ? formatDeskDateTime(value, emptyText)
        : formatDeskDate(value, emptyText)
      : emptyText;
  return (
    <Typography component="span" variant="body2">
      {text}
    </Typography>
  );
};
