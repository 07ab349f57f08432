import VerifiedIcon from '@mui/icons-material/Verified';
import { useState } from 'react';
import { Button, useCanAccess, useNotify } from 'react-admin';

import { useAppDataProvider, type AuditVerifyResult } from '../dataProvider';

export const verifyMessage = (result: AuditVerifyResult): string =>
  result.ok
    ? `Audit chain verified: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} intact`
    : `Audit chain broken at entry #${result.brokenAt}: ${result.reason ?? 'unknown reason'}`;

/** GET /api/audit/verify; hands the answer to `onResult` (the list shows it as a banner). */
export const VerifyChainButton = ({
  onResult,
}: {
  onResult: (result: AuditVerifyResult) => void;
}) => {
  const { canAccess } = useCanAccess({ resource: 'audit', action: 'verify' });
  const dataProvider = useAppDataProvider();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!canAccess) return null;

  const verify = async () => {
    setBusy(true);
    try {
      onResult(await dataProvider.verifyAuditChain());
    } catch (error) {
      notify(error instanceof Error ? error.message : 'The audit chain could not be checked', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button label={busy ? 'Verifying…' : 'Verify chain'} onClick={verify} disabled={busy}>
      <VerifiedIcon />
    </Button>
  );
};
