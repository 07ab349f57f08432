import {
  Chip,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useRecordContext } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

import type { RequestRecord } from '../dataProvider';
import {
  accessFormatLabel,
  correctableFieldLabel,
  optOutChannelLabel,
  optOutScopeLabel,
} from './presentation';

const ChipRow = ({
  label,
  values,
  format,
}: {
  label: string;
  values: string[];
  format: (value: string) => string;
}) => (
  <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
    <Typography variant="body2" sx={{ minWidth: 80 }}>
      {label}
    </Typography>
    {values.length ? (
      values.map((value) => <Chip key={value} size="small" label={format(value)} />)
    ) : (
      <Typography variant="body2" color="text.secondary">
        none
      </Typography>
    )}
  </Stack>
);

/** What the requester asked for, by kind, in words rather than JSON. */
export const RequestPayloadView = () => {
  const record = useRecordContext<RequestRecord>();
  if (!record) return null;
  const payload = record.payload ?? {};
  switch (record.kind) {
    case 'correction': {
      const corrections = payload.corrections ?? [];
      if (!corrections.length) {
        return <Typography variant="body2">No corrections were listed.</Typography>;
      }
      return (
        <Table size="small" aria-label="Requested corrections" data-testid="corrections">
          <TableHead>
            <TableRow>
              <TableCell>Field</TableCell>
              <TableCell>Requested value</TableCell>
              <TableCell>Note</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {corrections.map((correction, index) => (
              <TableRow key={`${correction.field}-${index}`}>
                <TableCell>{correctableFieldLabel(correction.field)}</TableCell>
                <TableCell sx={{ fontWeight: 600 }}>{correction.requestedValue}</TableCell>
                <TableCell>{correction.note ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      );
    }
    case 'opt_out':
      return (
        <Stack spacing={1} data-testid="opt-out">
          <ChipRow label="Channels" values={payload.channels ?? []} format={optOutChannelLabel} />
          <ChipRow label="Scopes" values={payload.scopes ?? []} format={optOutScopeLabel} />
        </Stack>
      );
    case 'access':
      return (
        <Typography variant="body2" data-testid="access-format">
          Copy wanted as: <strong>{accessFormatLabel(payload.format) || 'not stated'}</strong>
        </Typography>
      );
    case 'disclosure_report':
      return (
        <Typography variant="body2" data-testid="disclosure-period">
          Disclosures from <strong>{payload.periodStart ?? '?'}</strong> to{' '}
          <strong>{payload.periodEnd ?? '?'}</strong>
        </Typography>
      );
    case 'minor_review':
      return (
        <Typography variant="body2">
          Review of a subject recorded as a minor; nothing further was asked.
        </Typography>
      );
    case 'gag_notice':
      return (
        <Typography variant="body2" data-testid="gag-notice">
          Tell the subject of legal process{' '}
          <Link component={RouterLink} to={`/legal-process/${String(payload.legalProcessId)}/show`}>
            {String(payload.legalProcessReference ?? '')}
          </Link>{' '}
          ({String(payload.typeLabel ?? '')}, {String(payload.issuingAuthority ?? '')}); its
          non-disclosure order lapsed. Completing this task emails the notice.
        </Typography>
      );
    default:
      return (
        <Typography component="pre" variant="body2" sx={{ fontFamily: 'monospace' }}>
          {JSON.stringify(payload, null, 2)}
        </Typography>
      );
  }
};
