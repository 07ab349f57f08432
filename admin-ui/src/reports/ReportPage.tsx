import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReportRule } from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Title, useCanAccess } from 'react-admin';

import { API_URL, apiFetch, fieldErrors } from '../api';

export type Cell = string | number | null;

export interface ReportView {
  header: string[];
  rows: { key: string; cells: Cell[] }[];
}

/** Shows a figure; null is a figure the report does not give (no data, or banded). */
export const show = (cell: Cell) => (cell === null ? '—' : String(cell));

/** A table of figures, its first column naming the row. */
export const ReportTable = ({ view, label }: { view: ReportView; label: string }) => (
  <Box sx={{ overflowX: 'auto' }}>
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          {view.header.map((h) => (
            <TableCell key={h} component="th" scope="col" sx={{ fontWeight: 600 }}>
              {h}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {view.rows.map((row) => (
          <TableRow key={row.key} data-row={row.key}>
            {row.cells.map((cell, i) =>
              i === 0 ? (
                <TableCell key={i} component="th" scope="row">
                  {show(cell)}
                </TableCell>
              ) : (
                <TableCell key={i}>{show(cell)}</TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </Box>
);

/** The rules behind the figures, as the server states them (from shared). */
export const ReportRules = ({ rules }: { rules: readonly ReportRule[] }) => (
  <Card variant="outlined" sx={{ mt: 2 }}>
    <CardContent>
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        How each figure is counted
      </Typography>
      <Box component="dl" sx={{ m: 0 }} data-testid="report-rules">
        {rules.map((r) => (
          <Box key={r.figure} sx={{ mb: 1 }}>
            <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
              {r.figure}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ ml: 0 }}>
              {r.rule}
            </Typography>
          </Box>
        ))}
      </Box>
    </CardContent>
  </Card>
);

/** Download links for the file formats; shown only to roles with `reports.export`. */
export const DownloadButtons = ({
  path,
  formats,
}: {
  /** The report's path with its query, without `format`. */
  path: string;
  formats: readonly ('csv' | 'pdf')[];
}) => {
  const { canAccess } = useCanAccess({ resource: 'reports', action: 'export' });
  if (!canAccess) return null;
  return (
    <Stack direction="row" spacing={1}>
      {formats.map((format) => (
        <Button
          key={format}
          variant="outlined"
          startIcon={<DownloadIcon />}
          href={`${API_URL}${path}&format=${format}`}
          download
        >
          Download {format.toUpperCase()}
        </Button>
      ))}
    </Stack>
  );
};

/** Fetches a report's JSON; a 422 shows the server's field message. */
export function useReport<T>(path: string | null) {
  return useQuery({
    queryKey: ['report', path],
    queryFn: () => apiFetch<T>(path!),
    enabled: path !== null,
    retry: false,
  });
}

export const ReportFrame = ({
  title,
  intro,
  picker,
  downloads,
  error,
  loading,
  children,
}: {
  title: string;
  intro: string;
  picker: ReactNode;
  downloads: ReactNode;
  error: unknown;
  loading: boolean;
  children: ReactNode;
}) => {
  const errors = fieldErrors(error);
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={title} />
      <Card>
        <CardContent>
          <Typography component="h1" variant="h5" sx={{ mb: 1 }}>
            {title}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {intro}
          </Typography>
          <Stack
            direction="row"
            spacing={2}
            useFlexGap
            sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 2 }}
          >
            {picker}
            {downloads}
          </Stack>
          {error ? (
            <Alert severity="error">
              {errors ? Object.values(errors).join(' ') : 'The report could not be loaded.'}
            </Alert>
          ) : loading ? (
            <CircularProgress size={24} aria-label="Loading the report" />
          ) : (
            children
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
