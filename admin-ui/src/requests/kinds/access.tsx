import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, Link, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { required, SelectInput } from 'react-admin';

import { API_URL, apiFetch } from '../../api';
import { ConfirmedActionButton } from '../../common/ConfirmedActionButton';
import { Fact, Section } from '../../common/ShowSections';
import type { RequestRecord } from '../../dataProvider';
import { describeRequestError } from '../errors';
import { accessFormatChoices, accessFormatLabel } from '../presentation';
import type { KindUi } from './kind-ui';
import { formatDeskDateTime } from '../../common/desk-dates';

/** GET /api/requests/:id/packages: a package's status (never its link). */
interface PackageStatus {
  id: string;
  purpose: string;
  createdAt: string;
  sentAt: string | null;
  expiresAt: string | null;
  maxDownloads: number;
  downloadCount: number;
  linkLive: boolean;
}

/** GET /api/requests/:id/access/preview: the parts staff check before sending. */
interface AccessPreview {
  fields: { field: string; label: string; value: string | null }[];
  fieldHistory: unknown[];
  requests: unknown[];
  suppressions: unknown[];
  disclosures: { entries: unknown[]; groups: unknown[] };
}

const when = (value: string | null) => (value ? formatDeskDateTime(value) : '—');

const PackageStatusFacts = ({ pkg }: { pkg: PackageStatus }) => (
  <Box data-testid="access-package-status">
    <Fact label="Sent">{when(pkg.sentAt)}</Fact>
    <Fact label="Link works until">{when(pkg.expiresAt)}</Fact>
    <Fact label="Downloads">
      {pkg.downloadCount} of {pkg.maxDownloads}
    </Fact>
    <Fact label="Link">{pkg.linkLive ? 'Works' : 'No longer works (expired or used up)'}</Fact>
    <Stack direction="row" spacing={2} sx={{ mt: 1 }}>
      <Link href={`${API_URL}/request-packages/${pkg.id}/content?format=html`} target="_blank">
        Sent letter (HTML)
      </Link>
      <Link href={`${API_URL}/request-packages/${pkg.id}/content?format=pdf`} target="_blank">
        Sent letter (PDF)
      </Link>
      <Link href={`${API_URL}/request-packages/${pkg.id}/content?format=json`} target="_blank">
        Sent data (JSON)
      </Link>
    </Stack>
  </Box>
);

const PreviewSummary = ({ preview }: { preview: AccessPreview }) => (
  <Box data-testid="access-preview">
    <Typography variant="body2" sx={{ mb: 1 }}>
      The package holds:
    </Typography>
    <Fact label="Fields held">
      {preview.fields.filter((f) => f.value !== null && f.value !== '').length} of{' '}
      {preview.fields.length}
    </Fact>
    <Fact label="Field changes">{preview.fieldHistory.length}</Fact>
    <Fact label="Requests">{preview.requests.length}</Fact>
    <Fact label="Opt-outs">{preview.suppressions.length}</Fact>
    <Fact label="Disclosures">
      {preview.disclosures.entries.length + preview.disclosures.groups.length}
    </Fact>
    <Box component="table" sx={{ mt: 1, fontSize: '0.875rem' }} aria-label="Current values">
      <tbody>
        {preview.fields.map((f) => (
          <tr key={f.field}>
            <Box component="th" scope="row" sx={{ textAlign: 'left', pr: 2, fontWeight: 500 }}>
              {f.label}
            </Box>
            <td>{f.value ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </Box>
  </Box>
);

/** Preview the subject's package, then send it (which completes the request). */
const AccessWorkPanel = ({ record }: { record: RequestRecord }) => {
  const [preview, setPreview] = useState<AccessPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { data: packages } = useQuery({
    queryKey: ['requests', 'packages', record.id, record.version],
    queryFn: () => apiFetch<PackageStatus[]>(`/requests/${record.id}/packages`),
  });
  const sent = packages?.find((p) => p.purpose === 'access' && p.sentAt);
  const base = `${API_URL}/requests/${record.id}/access/preview`;

  const loadPreview = async () => {
    setProblem(null);
    try {
      setPreview(await apiFetch<AccessPreview>(`/requests/${record.id}/access/preview`));
    } catch (error) {
      setProblem(describeRequestError(error, 'The package could not be assembled'));
    }
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Section title="Access package">
        {sent ? (
          <PackageStatusFacts pkg={sent} />
        ) : !record.subjectId ? (
          <Alert severity="info">
            Link this request to the subject first: the package is the subject’s information.
          </Alert>
        ) : (
          <Stack spacing={1.5}>
            <Typography variant="body2">
              Preview what the person will receive, then send it. Sending keeps the package with the
              request, emails a download link to the verified address, and completes the request.
            </Typography>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              <Button size="small" variant="outlined" onClick={loadPreview}>
                Preview
              </Button>
              <Link href={`${base}?format=html`} target="_blank">
                Letter (HTML)
              </Link>
              <Link href={`${base}?format=pdf`} target="_blank">
                Letter (PDF)
              </Link>
              {record.allowedActions.includes('complete') ? (
                <ConfirmedActionButton
                  label="Send package"
                  icon={<SendIcon />}
                  color="warning"
                  title="Send the access package?"
                  content="The package is kept with the request, a download link goes to the requester's verified email, and the request is completed."
                  run={() =>
                    apiFetch(`/requests/${record.id}/access/send`, {
                      method: 'POST',
                      body: { version: record.version },
                    }).catch((error: unknown) => {
                      throw new Error(describeRequestError(error, 'The package was not sent'), {
                        cause: error,
                      });
                    })
                  }
                  success="Package sent; the request is completed"
                  failure="The package was not sent"
                />
              ) : null}
            </Stack>
            {problem ? <Alert severity="error">{problem}</Alert> : null}
            {preview ? <PreviewSummary preview={preview} /> : null}
          </Stack>
        )}
      </Section>
    </Box>
  );
};

export const accessUi: KindUi = {
  kind: 'access',
  PayloadView: ({ record }) => (
    <Typography variant="body2" data-testid="access-format">
      Copy wanted as: <strong>{accessFormatLabel(record.payload?.format) || 'not stated'}</strong>
    </Typography>
  ),
  WorkPanel: AccessWorkPanel,
  PayloadInputs: () => (
    <SelectInput
      source="payload.format"
      label="Format of the copy"
      choices={accessFormatChoices}
      validate={required()}
    />
  ),
  payloadFor: (payload) => ({ format: payload.format }),
};

export default accessUi;
