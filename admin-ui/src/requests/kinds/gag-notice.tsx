import { Link, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';

import type { KindUi } from './kind-ui';

export const gagNoticeUi: KindUi = {
  kind: 'gag_notice',
  PayloadView: ({ record }) => {
    const payload = record.payload ?? {};
    return (
      <Typography variant="body2" data-testid="gag-notice">
        Tell the subject of legal process{' '}
        <Link component={RouterLink} to={`/legal-process/${String(payload.legalProcessId)}/show`}>
          {String(payload.legalProcessReference ?? '')}
        </Link>{' '}
        ({String(payload.typeLabel ?? '')}, {String(payload.issuingAuthority ?? '')}); its
        non-disclosure order lapsed. Completing this task emails the notice.
      </Typography>
    );
  },
  payloadFor: () => ({}),
};

export default gagNoticeUi;
