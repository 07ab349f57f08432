import { Alert, Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, roleRequiresMfa } from '@privacy-desk/shared';
import { Title, useCanAccess } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';

import { useIdentity } from '../auth/authProvider';
import { RoleDashboard } from './RoleDashboard';

const ShortcutIfAllowed = ({ resource, label }: { resource: string; label: string }) => {
  const { canAccess } = useCanAccess({ resource, action: 'list' });
  if (!canAccess) return null;
  return (
    <Button component={RouterLink} to={`/${resource}`} variant="outlined">
      {label}
    </Button>
  );
};

export const HomePage = () => {
  const { identity, isPending } = useIdentity();
  if (isPending || !identity) return null;
  const roleLabel = ROLE_LABELS[identity.role] ?? identity.role;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="Home" />
      <Card>
        <CardContent>
          <Stack spacing={2}>
            <Typography component="h1" variant="h4" data-testid="greeting">
              Welcome, {identity.fullName}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body1">Signed in as {identity.email} · Role:</Typography>
              <Chip label={roleLabel} color="primary" size="small" data-testid="home-role" />
            </Stack>
            <Typography variant="body2" color="text.secondary">
              {ROLE_DESCRIPTIONS[identity.role]}
            </Typography>
            {!identity.mfaEnabled && !roleRequiresMfa(identity.role) ? (
              <Alert severity="info">
                Two-factor sign-in is off for your account. You can turn it on from the user menu
                (“Two-factor sign-in”).
              </Alert>
            ) : null}
            <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <ShortcutIfAllowed resource="requests" label="Open the requests" />
              <ShortcutIfAllowed resource="users" label="Manage users" />
              <ShortcutIfAllowed resource="audit" label="Open the audit log" />
            </Stack>
          </Stack>
        </CardContent>
      </Card>
      <RoleDashboard />
    </Box>
  );
};
