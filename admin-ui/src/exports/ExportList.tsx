import CancelIcon from '@mui/icons-material/Cancel';
import DownloadIcon from '@mui/icons-material/Download';
import { Box, Chip, LinearProgress, Typography } from '@mui/material';
import {
  EXPORT_JOB_STATUS_LABELS,
  EXPORT_LIST_LABELS,
  type ExportJobDto,
} from '@privacy-desk/shared';
import { useEffect } from 'react';
import { Button, DataTable, List, useListContext, useRecordContext } from 'react-admin';

import { API_URL, apiFetch } from '../api';
import { ConfirmedActionButton } from '../common/ConfirmedActionButton';
import { DeskDateField } from '../common/DeskDateField';

type ExportRecord = ExportJobDto;

const ExportProgress = () => {
  const record = useRecordContext<ExportRecord>();
  if (!record) return null;
  const total = record.rowsTotal ?? 0;
  const percent = record.status === 'done' ? 100 : total > 0 ? (record.rowsDone / total) * 100 : 0;
  return (
    <Box sx={{ minWidth: 160 }}>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, percent)}
        aria-label={`Export progress: ${record.rowsDone} of ${total} rows`}
      />
      <Typography variant="caption">
        {record.rowsDone.toLocaleString()} of {total.toLocaleString()} rows
      </Typography>
    </Box>
  );
};

const ExportStatus = () => {
  const record = useRecordContext<ExportRecord>();
  if (!record) return null;
  const color =
    record.status === 'done' ? 'success' : record.status === 'failed' ? 'error' : 'default';
  return <Chip size="small" color={color} label={EXPORT_JOB_STATUS_LABELS[record.status]} />;
};

const ExportRowActions = () => {
  const record = useRecordContext<ExportRecord>();
  if (!record) return null;
  if (record.downloadable)
    return (
      <Button
        label="Download"
        component="a"
        href={`${API_URL}/exports/${record.id}/download`}
        onClick={(event) => event.stopPropagation()}
      >
        <DownloadIcon />
      </Button>
    );
  if (record.status === 'queued' || record.status === 'running')
    return (
      <ConfirmedActionButton
        label="Cancel"
        icon={<CancelIcon />}
        color="warning"
        title="Cancel this export?"
        content="The export stops and its partial file is discarded."
        run={() => apiFetch(`/exports/${record.id}/cancel`, { method: 'POST' })}
        success="Export cancelled"
        failure="The export could not be cancelled"
      />
    );
  return null;
};

/** Refreshes the list every two seconds while an export is queued or running. */
const RefreshWhileRunning = () => {
  const { data, refetch } = useListContext<ExportRecord>();
  const running = (data ?? []).some((e) => e.status === 'queued' || e.status === 'running');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refetch(), 2000);
    return () => clearInterval(timer);
  }, [running, refetch]);
  return null;
};

/** My exports: progress, cancel while running, download for 24 hours once done. */
export const ExportList = () => (
  <List title="Exports" sort={{ field: 'createdAt', order: 'DESC' }} exporter={false} empty={false}>
    <RefreshWhileRunning />
    <DataTable bulkActionButtons={false} rowClick={false}>
      <DataTable.Col
        source="list"
        label="List"
        render={(r: ExportRecord) => EXPORT_LIST_LABELS[r.list]}
      />
      <DataTable.Col source="status" label="Status">
        <ExportStatus />
      </DataTable.Col>
      <DataTable.Col label="Progress" disableSort>
        <ExportProgress />
      </DataTable.Col>
      <DataTable.Col source="createdAt" label="Asked at">
        <DeskDateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="expiresAt" label="Download until" disableSort>
        <DeskDateField source="expiresAt" showTime emptyText="—" />
      </DataTable.Col>
      <DataTable.Col label="" disableSort>
        <ExportRowActions />
      </DataTable.Col>
    </DataTable>
  </List>
);
