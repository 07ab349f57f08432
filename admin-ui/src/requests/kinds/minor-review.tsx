import { Typography } from '@mui/material';

import type { KindUi } from './kind-ui';

export const minorReviewUi: KindUi = {
  kind: 'minor_review',
  PayloadView: () => (
    <Typography variant="body2">
      Review of a subject recorded as a minor; nothing further was asked.
    </Typography>
  ),
  payloadFor: () => ({}),
};

export default minorReviewUi;
