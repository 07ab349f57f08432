import BlockIcon from '@mui/icons-material/Block';
import { useCanAccess, useRecordContext } from 'react-admin';

import { ConfirmedActionButton } from '../common/ConfirmedActionButton';
import { useAppDataProvider, type UserRecord } from '../dataProvider';

/** POST /api/users/:id/deactivate, after a confirmation. Admins only. */
export const DeactivateUserButton = () => {
  const record = useRecordContext<UserRecord>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'deactivate', record });
  const dataProvider = useAppDataProvider();
  if (!record || !canAccess || !record.active) return null;
  return (
    <ConfirmedActionButton
      label="Deactivate"
      icon={<BlockIcon />}
      color="warning"
      title={`Deactivate ${record.email}?`}
      content="They will be signed out and can no longer sign in. Their history stays in the audit log."
      run={() => dataProvider.deactivateUser(record.id)}
      success={`${record.email} is deactivated and can no longer sign in`}
      failure="The user was not deactivated"
    />
  );
};
