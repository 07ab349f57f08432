import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import {
  CheckboxGroupInput,
  Create,
  ListButton,
  maxLength,
  required,
  SimpleForm,
  TextInput,
  TopToolbar,
  type Validator,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';

import { FormToolbar } from '../common/FormToolbar';
import { API_KEY_SCOPES, type ApiKeyRecord } from '../dataProvider';

const SCOPE_LABELS: Record<(typeof API_KEY_SCOPES)[number], string> = {
  'requests:create': 'requests:create: submit privacy requests',
  'suppressions:read': 'suppressions:read: check and scrub against the opt-out list',
};

const atLeastOne: Validator = (value: unknown) =>
  Array.isArray(value) && value.length > 0 ? undefined : 'Choose at least one scope';

/** The new key's secret, shown once: the server keeps only a hash of it. */
const SecretDialog = ({ apiKey, onDone }: { apiKey: ApiKeyRecord; onDone: () => void }) => {
  const titleId = useId();
  const [copied, setCopied] = useState<boolean | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(apiKey.secret ?? '');
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog
      open
      aria-labelledby={titleId}
      onClose={(_event, reason) => {
        // Only the button closes it, so the secret is not lost by a stray click.
        if (reason !== 'backdropClick') onDone();
      }}
    >
      <DialogTitle id={titleId}>API key “{apiKey.name}” created</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          Copy the secret now. It is shown only once and cannot be recovered; if it is lost, revoke
          this key and create another.
        </Alert>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography
            component="code"
            data-testid="api-key-secret"
            sx={{
              fontFamily: 'monospace',
              fontSize: '1rem',
              userSelect: 'all',
              wordBreak: 'break-all',
              p: 1,
              bgcolor: 'action.hover',
              borderRadius: 1,
            }}
          >
            {apiKey.secret}
          </Typography>
          <Tooltip title="Copy to clipboard">
            <IconButton aria-label="Copy the secret" onClick={copy}>
              <ContentCopyIcon />
            </IconButton>
          </Tooltip>
        </Stack>
        {copied === true ? (
          <Typography variant="body2" color="success.main" sx={{ mt: 1 }} role="status">
            Copied.
          </Typography>
        ) : null}
        {copied === false ? (
          <Typography variant="body2" color="error" sx={{ mt: 1 }} role="status">
            The browser refused to copy; select the secret and copy it by hand.
          </Typography>
        ) : null}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={onDone}>
          I have stored the secret
        </Button>
      </DialogActions>
    </Dialog>
  );
};

const ApiKeyCreateActions = () => (
  <TopToolbar>
    <ListButton label="API keys" />
  </TopToolbar>
);

export const ApiKeyCreate = () => {
  const navigate = useNavigate();
  const [created, setCreated] = useState<ApiKeyRecord | null>(null);
  return (
    <>
      <Create
        title="New API key"
        actions={<ApiKeyCreateActions />}
        mutationOptions={{ onSuccess: (data: ApiKeyRecord) => setCreated(data) }}
      >
        <SimpleForm
          noValidate
          toolbar={<FormToolbar />}
          defaultValues={{ scopes: ['requests:create'] }}
        >
          <TextInput
            source="name"
            label="Name"
            helperText="Who or what uses it, e.g. “Website privacy form”"
            validate={[required(), maxLength(100)]}
          />
          <CheckboxGroupInput
            source="scopes"
            label="Scopes"
            choices={API_KEY_SCOPES.map((scope) => ({ id: scope, name: SCOPE_LABELS[scope] }))}
            validate={atLeastOne}
          />
        </SimpleForm>
      </Create>
      {created ? (
        <SecretDialog
          apiKey={created}
          onDone={() => {
            setCreated(null);
            navigate('/api-keys');
          }}
        />
      ) : null}
    </>
  );
};
