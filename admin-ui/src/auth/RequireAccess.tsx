import { Box, Typography } from '@mui/material';
import { ROLE_LABELS } from '@privacy-desk/shared';
import type { ComponentType, ReactNode } from 'react';
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
 * Renders `children` only for a role the shared access table allows `action` on `resource`, so a
 * page the role lacks makes no API call (react-admin's own check lets the list query start while
 * it redirects, and the server's 403 then pops a second message). `what` names the page.
 */
export const AccessGate = ({
  resource,
  action,
  what,
  children,
}: {
  resource: string;
  action: string;
  what: string;
  children: ReactNode;
}) => {
  const session = useSession();
  if (!session) return <Loading />;
  if (!canAccess(session.user.role, resource, action)) return <AccessDeniedPage what={what} />;
  return <>{children}</>;
};

/** A resource's list, show, create or edit page behind its AccessGate. */
export function requireAccess<P extends object>(
  Page: ComponentType<P>,
  action: 'list' | 'show' | 'create' | 'edit',
): ComponentType<P> {
  const Guarded = (props: P) => {
    const resource = useResourceContext() ?? '';
    const definition = useResourceDefinition();
    const label =
      typeof definition.options?.label === 'string' ? definition.options.label : resource;
    return (
      <AccessGate
        resource={resource}
        action={action}
        what={action === 'list' ? label : `this page of ${label}`}
      >
        <Page {...props} />
      </AccessGate>
    );
  };
  Guarded.displayName = `RequireAccess(${action})`;
  return Guarded;
}
