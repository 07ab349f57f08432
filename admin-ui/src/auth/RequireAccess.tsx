import { Box, Typography } from '@mui/material';
import { ROLE_LABELS } from '@privacy-desk/shared';
import type { ComponentType } from 'react';
import { Loading, useResourceContext, useResourceDefinition } from 'react-admin';

import { canAccess } from './canAccess';
import { useSession } from './session';

/** What a role sees at an address its role does not open: one message, and nothing asked of the server. */
export const AccessDeniedPage = ({ what }: { what: string }) => {
  const session = useSession();
  const role = session ? ROLE_LABELS[session.user.role] : undefined;
  return (
    <Box sx={{ p: 3 }} data-testid="access-denied">
      <Typography component="h1" variant="h5" gutterBottom>
        Access denied
      </Typography>
      <Typography>
        {role ? `The ${role} role does not open ${what}.` : `Your role does not open ${what}.`} If
        your work needs it, ask an admin to change your role.
      </Typography>
    </Box>
  );
};

/**
 * Renders a resource page only for a role the shared access table allows, so a page the role
 * lacks makes no API call (react-admin's own check lets the list query start while it redirects,
 * and the server's 403 then pops a second message).
 */
export function requireAccess<P extends object>(
  Page: ComponentType<P>,
  action: 'list' | 'show' | 'create' | 'edit',
): ComponentType<P> {
  const Guarded = (props: P) => {
    const session = useSession();
    const resource = useResourceContext() ?? '';
    const definition = useResourceDefinition();
    if (!session) return <Loading />;
    if (!canAccess(session.user.role, resource, action)) {
      const label =
        typeof definition.options?.label === 'string' ? definition.options.label : resource;
      return <AccessDeniedPage what={action === 'list' ? label : `this page of ${label}`} />;
    }
    return <Page {...props} />;
  };
  Guarded.displayName = `RequireAccess(${action})`;
  return Guarded;
}
