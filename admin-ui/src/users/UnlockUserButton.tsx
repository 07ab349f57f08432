import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useCanAccess, useRecordContext } from 'react-admin';

import { ConfirmedActionButton } from '../common/ConfirmedActionButton';
import { useAppDataProvider, type UserRecord } from '../dataProvider';

/** POST /api/users/:id/unlock, after a confirmation. Admins only; shown while a source is locked out. */
export const UnlockUserButton = () => {
  const record = useRecordContext<UserRecord>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'unlock', record });
  const dataProvider = useAppDataProvider();
  if (!record || !canAccess || !record.locked) return null;
  return (
    <ConfirmedActionButton
      label="Unlock"
      icon={<LockOpenIcon />}
      color="warning"
      title={`Unlock ${record.email}?`}
      content="Failed sign-ins are counted per address. This clears them for every address, so a locked-out address can try again at once. The password and sessions stay as they are."
      run={() => dataProvider.unlockUser(record.id)}
      success={`${record.email} is unlocked`}
      failure="The user was not unlocked"
    />
  );
};
