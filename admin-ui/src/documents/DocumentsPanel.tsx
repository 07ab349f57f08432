import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Link,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import {
  DOCUMENT_MAX_BYTES,
  DOCUMENT_ROLE_LABELS,
  DOCUMENT_ROLES,
  type DocumentOwnerType,
  type DocumentRole,
} from '@privacy-desk/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';

import { fieldErrors, isHttpError } from '../api';
import { formatBytes, listDocuments, uploadDocument } from './documentsApi';
import { formatDeskDateTime } from '../common/desk-dates';

export interface DocumentsPanelProps {
  ownerType: DocumentOwnerType;
  ownerId: string;
  /** Whether to offer the upload control (the caller checks the permission and the record). */
  canUpload: boolean;
  /** The role preselected in the upload control. */
  defaultRole?: DocumentRole;
  title?: string;
}

const roleLabel = (role: string) =>
  Object.hasOwn(DOCUMENT_ROLE_LABELS, role) ? DOCUMENT_ROLE_LABELS[role as DocumentRole] : role;

/**
 * The documents attached to a record (name, role, type, size, who, when, download), and, when
 * allowed, an upload control whose refusals (type, size) the server explains inline.
 */
export const DocumentsPanel = ({
  ownerType,
  ownerId,
  canUpload,
  defaultRole = 'evidence',
  title = 'Documents',
}: DocumentsPanelProps) => {
  const queryKey = ['documents', ownerType, ownerId];
  const queryClient = useQueryClient();
  const { data, isPending, error } = useQuery({
    queryKey,
    queryFn: () => listDocuments(ownerType, ownerId),
  });

  return (
    <Card variant="outlined" data-testid="documents-panel">
      <CardContent>
        <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
          {title}
        </Typography>
        {error ? <Alert severity="error">The documents could not be loaded.</Alert> : null}
        {isPending ? (
          <Typography variant="body2">Loading…</Typography>
        ) : data && data.length > 0 ? (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Type</TableCell>
                <TableCell>Size</TableCell>
                <TableCell>Attached by</TableCell>
                <TableCell>When</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((document) => (
                <TableRow key={document.id} data-testid="document-row">
                  <TableCell>
                    <Link href={document.downloadUrl} download={document.filename}>
                      {document.filename}
                    </Link>
                  </TableCell>
                  <TableCell>{roleLabel(document.role)}</TableCell>
                  <TableCell>{document.mediaType}</TableCell>
                  <TableCell>{formatBytes(document.sizeBytes)}</TableCell>
                  <TableCell>{document.attachedBy.name}</TableCell>
                  <TableCell>{formatDeskDateTime(document.attachedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography variant="body2" color="text.secondary">
            No documents yet.
          </Typography>
        )}
        {canUpload ? (
          <UploadForm
            ownerType={ownerType}
            ownerId={ownerId}
            defaultRole={defaultRole}
            onUploaded={() => queryClient.invalidateQueries({ queryKey })}
          />
        ) : null}
      </CardContent>
    </Card>
  );
};

const UploadForm = ({
  ownerType,
  ownerId,
  defaultRole,
  onUploaded,
}: {
  ownerType: DocumentOwnerType;
  ownerId: string;
  defaultRole: DocumentRole;
  onUploaded: () => Promise<unknown>;
}) => {
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [role, setRole] = useState<DocumentRole>(defaultRole);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ file?: string; role?: string; other?: string }>({});
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    setDone(null);
    if (file.size > DOCUMENT_MAX_BYTES) {
      setErrors({
        file: `The file is larger than ${formatBytes(DOCUMENT_MAX_BYTES)}, the most a document may be`,
      });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const attached = await uploadDocument(ownerType, ownerId, file, role);
      setDone(`Attached ${attached.filename}`);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      await onUploaded();
    } catch (failure) {
      const fields = fieldErrors(failure);
      if (fields?.file || fields?.role) setErrors({ file: fields.file, role: fields.role });
      else
        setErrors({
          other: isHttpError(failure) ? failure.message : 'The upload failed; try again',
        });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={submit} sx={{ mt: 2 }} aria-label="Upload a document">
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box>
          <Button component="label" htmlFor={inputId} variant="outlined" size="small">
            Choose file
          </Button>
          <input
            id={inputId}
            ref={fileInput}
            type="file"
            name="file"
            hidden
            accept=".pdf,.png,.jpg,.jpeg,.tif,.tiff,.docx"
            data-testid="document-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setErrors({});
              setDone(null);
            }}
          />
          <Typography variant="body2" sx={{ mt: 0.5 }}>
            {file ? `${file.name} (${formatBytes(file.size)})` : 'No file chosen'}
          </Typography>
        </Box>
        <TextField
          select
          size="small"
          label="Role"
          value={role}
          onChange={(event) => setRole(event.target.value as DocumentRole)}
          error={!!errors.role}
          helperText={errors.role}
          sx={{ minWidth: 200 }}
        >
          {DOCUMENT_ROLES.map((value) => (
            <MenuItem key={value} value={value}>
              {DOCUMENT_ROLE_LABELS[value]}
            </MenuItem>
          ))}
        </TextField>
        <Button
          type="submit"
          variant="contained"
          size="small"
          startIcon={<UploadFileIcon />}
          disabled={!file || busy}
        >
          Upload
        </Button>
      </Stack>
      {errors.file ? (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="document-upload-error">
          {errors.file}
        </Alert>
      ) : null}
      {errors.other ? (
        <Alert severity="error" sx={{ mt: 1 }} data-testid="document-upload-error">
          {errors.other}
        </Alert>
      ) : null}
      {done ? (
        <Alert severity="success" sx={{ mt: 1 }}>
          {done}
        </Alert>
      ) : null}
    </Box>
  );
};
