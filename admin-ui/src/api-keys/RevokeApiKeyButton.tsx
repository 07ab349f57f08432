import KeyOffIcon from '@mui/icons-material/KeyOff';
import { useCanAccess, useRecordContext } from 'react-admin';

import { ConfirmedActionButton } from '../common/ConfirmedActionButton';
import { useAppDataProvider, type ApiKeyRecord } from '../dataProvider';

/** POST /api/api-keys/:id/revoke after a confirmation. A revoked key stops working at once. */
export const RevokeApiKeyButton = () => {
  const record = useRecordContext<ApiKeyRecord>();
  const { canAccess } = useCanAccess({ resource: 'api-keys', action: 'revoke', record });
  const dataProvider = useAppDataProvider();
  if (!record || !canAccess || record.revokedAt) return null;
  return (
    <ConfirmedActionButton
      label="Revoke"
      icon={<KeyOffIcon />}
      color="error"
      title={`Revoke the key “${record.name}”?`}
      content={`Anything still using the key starting ${record.prefix} is refused from now on. This cannot be undone.`}
      run={() => dataProvider.revokeApiKey(record.id)}
      success={`The key “${record.name}” is revoked`}
      failure="The key was not revoked"
    />
  );
};
