import KeyIcon from '@mui/icons-material/Key';
import SecurityIcon from '@mui/icons-material/Security';
import { Chip, ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { ROLE_LABELS, roleRequiresMfa } from '@privacy-desk/shared';
import { forwardRef, type ReactNode } from 'react';
import { AppBar, LoadingIndicator, Logout, UserMenu, useUserMenu } from 'react-admin';
import { Link } from 'react-router-dom';

import { useIdentity } from '../auth/authProvider';
import { useSession } from '../auth/session';

const UserMenuLink = forwardRef<HTMLAnchorElement, { to: string; label: string; icon: ReactNode }>(
  function UserMenuLink({ to, label, icon }, ref) {
    const userMenu = useUserMenu();
    return (
      <MenuItem component={Link} to={to} ref={ref} onClick={() => userMenu?.onClose()}>
        <ListItemIcon>{icon}</ListItemIcon>
        <ListItemText>{label}</ListItemText>
      </MenuItem>
    );
  },
);

const AppUserMenu = () => {
  const session = useSession();
  const role = session?.user.role;
  // The button shows the user's name, so its accessible name must contain it (WCAG 2.5.3).
  return (
    <UserMenu label={session ? `${session.user.name}: profile` : 'Profile'}>
      <UserMenuLink to="/password" label="Change password" icon={<KeyIcon fontSize="small" />} />
      {role && !roleRequiresMfa(role) ? (
        <UserMenuLink
          to="/mfa-enrol"
          label="Two-factor sign-in"
          icon={<SecurityIcon fontSize="small" />}
        />
      ) : null}
      <Logout />
    </UserMenu>
  );
};

/** The signed-in user's role, shown beside their name. */
const RoleBadge = () => {
  const { identity } = useIdentity();
  if (!identity?.role) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={ROLE_LABELS[identity.role] ?? identity.role}
      aria-label={`Role: ${ROLE_LABELS[identity.role] ?? identity.role}`}
      data-testid="role-badge"
      sx={{ color: 'inherit', borderColor: 'currentColor', ml: 1 }}
    />
  );
};

const Toolbar = () => (
  <>
    <LoadingIndicator />
    <RoleBadge />
  </>
);

export const AppAppBar = () => <AppBar toolbar={<Toolbar />} userMenu={<AppUserMenu />} />;
