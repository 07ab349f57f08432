import { Typography } from '@mui/material';
import { required, SelectInput } from 'react-admin';

import { accessFormatChoices, accessFormatLabel } from '../presentation';
import type { KindUi } from './kind-ui';

export const accessUi: KindUi = {
  kind: 'access',
  PayloadView: ({ record }) => (
    <Typography variant="body2" data-testid="access-format">
      Copy wanted as: <strong>{accessFormatLabel(record.payload?.format) || 'not stated'}</strong>
    </Typography>
  ),
  PayloadInputs: () => (
    <SelectInput
      source="payload.format"
      label="Format of the copy"
      choices={accessFormatChoices}
      validate={required()}
    />
  ),
  payloadFor: (payload) => ({ format: payload.format }),
};

export default accessUi;
