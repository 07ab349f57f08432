import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Box,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { DisclosureReportDto, DisclosureReportRow } from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DateInput, required, type Validator } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

import { API_URL, apiFetch } from '../../api';
import { ConfirmedActionButton } from '../../common/ConfirmedActionButton';
import { Section } from '../../common/ShowSections';
import type { RequestPayload, RequestRecord } from '../../dataProvider';
import type { KindUi } from './kind-ui';
import { formatDeskDateTime } from '../../common/desk-dates';

const periodEndAfterStart: Validator = (value: unknown, values: Record<string, unknown>) => {
  const payload = values.payload as RequestPayload | undefined;
  return typeof value === 'string' && payload?.periodStart && value < payload.periodStart
    ? 'Must be on or after the start'
    : undefined;
};

const formatInstant = (value: string | null) => formatDeskDateTime(value, 'never');

const when = (row: DisclosureReportRow) =>
  row.frequency === 1 ? row.first : `${row.first} to ${row.last} (${row.frequency} times)`;

/** The report's rows as the person will read them (the subject's view: nothing gagged). */
const ReportRows = ({ rows }: { rows: DisclosureReportRow[] }) =>
  rows.length ? (
    <Table size="small" aria-label="Disclosures in the report" data-testid="disclosure-report-rows">
      <TableHead>
        <TableRow>
          <TableCell>Disclosed</TableCell>
          <TableCell>Recipient</TableCell>
          <TableCell>Purpose</TableCell>
          <TableCell>Basis</TableCell>
          <TableCell>Data</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={`${row.first}-${index}`} data-testid="disclosure-report-row">
            <TableCell>{when(row)}</TableCell>
            <TableCell>
              {row.recipientName} ({row.recipientTypeLabel})
            </TableCell>
            <TableCell>{row.purpose}</TableCell>
            <TableCell>{row.basisLabel}</TableCell>
            <TableCell>{row.dataCategoryLabels.join(', ')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  ) : (
    <Typography variant="body2" data-testid="disclosure-report-empty">
      No disclosures to report in this period.
    </Typography>
  );

const SentStatus = ({ report }: { report: DisclosureReportDto }) => {
  const sent = report.sent!;
  const copy = (format: string) =>
    `${API_URL}/request-packages/${encodeURIComponent(sent.packageId)}/content?format=${format}`;
  return (
    <Alert severity="success" data-testid="disclosure-report-sent" sx={{ mb: 2 }}>
      Sent {formatInstant(sent.sentAt)}. The download link expires {formatInstant(sent.expiresAt)};
      downloaded {sent.downloadCount}
      {sent.maxDownloads ? ` of ${sent.maxDownloads}` : ''} times. The copy that was sent:{' '}
      <Link href={copy('pdf')}>PDF</Link> · <Link href={copy('html')}>HTML</Link> ·{' '}
      <Link href={copy('json')}>JSON</Link>
    </Alert>
  );
};

/** Preview the letter, then send it (HTML and PDF); once sent, the kept copy and its status. */
const DisclosureReportPanel = ({ record }: { record: RequestRecord }) => {
  const { data, error, isPending } = useQuery({
    // Refreshing the page (after Send) refetches it; a lease heartbeat does not reload the letter.
    queryKey: ['requests', record.id, 'disclosure-report'],
    queryFn: () =>
      apiFetch<DisclosureReportDto>(`/requests/${encodeURIComponent(record.id)}/disclosure-report`),
    enabled: !!record.subjectId,
    retry: false,
  });
  let content: ReactNode;
  if (!record.subjectId)
    content = (
      <Alert severity="info">Link this request to its subject to prepare the report.</Alert>
    );
  else if (error) content = <Alert severity="error">The report could not be prepared.</Alert>;
  else if (isPending || !data) content = <Typography variant="body2">Preparing…</Typography>;
  else {
    const canSend = !data.sent && record.allowedActions.includes('complete');
    content = (
      <>
        {data.incomplete.map((line) => (
          <Alert
            key={line}
            severity="warning"
            sx={{ mb: 1 }}
            data-testid="disclosure-report-incomplete"
          >
            {line}
          </Alert>
        ))}
        {data.sent ? <SentStatus report={data} /> : null}
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {data.sent ? 'What was sent' : 'Preview'}: the subject’s accounting from{' '}
          {data.content.periodStart} to {data.content.periodEnd}. Entries under a gag order in force
          are left out; repeats to one recipient for one purpose are grouped.
        </Typography>
        <ReportRows rows={data.content.rows} />
        <Box
          component="iframe"
          title="The letter"
          sandbox=""
          srcDoc={data.html}
          data-testid="disclosure-report-letter"
          sx={{ width: '100%', height: 420, border: 1, borderColor: 'divider', mt: 2 }}
        />
        {canSend ? (
          <Stack direction="row" sx={{ mt: 1 }}>
            <ConfirmedActionButton
              label="Send report"
              icon={<SendIcon />}
              color="warning"
              title="Send the disclosure report?"
              content="The requester gets a download link to this letter (HTML and PDF). The copy is kept with the request, and the request is completed."
              run={() =>
                apiFetch(`/requests/${encodeURIComponent(record.id)}/disclosure-report/send`, {
                  method: 'POST',
                  body: { version: record.version },
                })
              }
              success="Report sent; the request is completed"
              failure="The report could not be sent"
            />
          </Stack>
        ) : null}
        {!data.sent && !canSend && record.status !== 'completed' ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            Claim the request to send the report.
          </Typography>
        ) : null}
      </>
    );
  }
  return (
    <Box sx={{ mb: 2 }}>
      <Section title="Disclosure report">{content}</Section>
    </Box>
  );
};

export const disclosureReportUi: KindUi = {
  kind: 'disclosure_report',
  PayloadView: ({ record }) => (
    <>
      <Typography variant="body2" data-testid="disclosure-period">
        Disclosures from <strong>{record.payload?.periodStart ?? '?'}</strong> to{' '}
        <strong>{record.payload?.periodEnd ?? '?'}</strong>
      </Typography>
      {record.payload?.followUpOfReference ? (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="disclosure-report-follow-up">
          Follow-up of{' '}
          <Link
            component={RouterLink}
            to={`/requests/${encodeURIComponent(String(record.payload.followUpOfId))}/show`}
          >
            {String(record.payload.followUpOfReference)}
          </Link>
          {record.payload.note ? `: ${String(record.payload.note)}` : ''}
        </Typography>
      ) : null}
    </>
  ),
  WorkPanel: DisclosureReportPanel,
  PayloadInputs: () => (
    <>
      <DateInput source="payload.periodStart" label="Period from" validate={required()} />
      <DateInput
        source="payload.periodEnd"
        label="Period to"
        validate={[required(), periodEndAfterStart]}
      />
    </>
  ),
  payloadFor: (payload) => ({ periodStart: payload.periodStart, periodEnd: payload.periodEnd }),
};

export default disclosureReportUi;
