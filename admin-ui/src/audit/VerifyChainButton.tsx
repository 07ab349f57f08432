import VerifiedIcon from '@mui/icons-material/Verified';
import { useState } from 'react';
import { Button, useCanAccess, useNotify } from 'react-admin';

import { useAppDataProvider, type AuditVerifyResult } from '../dataProvider';

/** Every break of a failed verification, as listed by the server (older servers: the first). */
export const verifyBreaks = (result: AuditVerifyResult) =>
  result.breaks ??
  (result.ok ? [] : [{ seq: result.brokenAt ?? null, reason: result.reason ?? 'unknown reason' }]);

export const verifyMessage = (result: AuditVerifyResult): string => {
  if (result.ok) {
    return `Audit chain verified: ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} intact`;
  }
  const count = verifyBreaks(result).length + (result.moreBreaks ?? 0);
  return `Audit chain broken: ${count} ${count === 1 ? 'problem' : 'problems'} found in ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'}`;
};

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
