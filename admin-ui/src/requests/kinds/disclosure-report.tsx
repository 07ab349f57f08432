import { Typography } from '@mui/material';
import { DateInput, required, type Validator } from 'react-admin';

import type { RequestPayload } from '../../dataProvider';
import type { KindUi } from './kind-ui';

const periodEndAfterStart: Validator = (value: unknown, values: Record<string, unknown>) => {
  const payload = values.payload as RequestPayload | undefined;
  return typeof value === 'string' && payload?.periodStart && value < payload.periodStart
    ? 'Must be on or after the start'
    : undefined;
};

export const disclosureReportUi: KindUi = {
  kind: 'disclosure_report',
  PayloadView: ({ record }) => (
    <Typography variant="body2" data-testid="disclosure-period">
      Disclosures from <strong>{record.payload?.periodStart ?? '?'}</strong> to{' '}
      <strong>{record.payload?.periodEnd ?? '?'}</strong>
    </Typography>
  ),
  PayloadInputs: () => (
    <>
      <DateInput source="payload.periodStart" label="Period from" validate={required()} />
      <DateInput
        source="payload.periodEnd"
        label="Period to"
        validate={[required(), periodEndAfterStart]}
      />
    </>
  ),
  payloadFor: (payload) => ({ periodStart: payload.periodStart, periodEnd: payload.periodEnd }),
};

export default disclosureReportUi;
