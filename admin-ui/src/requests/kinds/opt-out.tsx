import { Stack } from '@mui/material';
import { CheckboxGroupInput } from 'react-admin';

import {
  optOutChannelChoices,
  optOutChannelLabel,
  optOutScopeChoices,
  optOutScopeLabel,
} from '../presentation';
import { atLeastOne, ChipRow } from './ChipRow';
import type { KindUi } from './kind-ui';

export const optOutUi: KindUi = {
  kind: 'opt_out',
  PayloadView: ({ record }) => (
    <Stack spacing={1} data-testid="opt-out">
      <ChipRow
        label="Channels"
        values={record.payload?.channels ?? []}
        format={optOutChannelLabel}
      />
      <ChipRow label="Scopes" values={record.payload?.scopes ?? []} format={optOutScopeLabel} />
    </Stack>
  ),
  PayloadInputs: () => (
    <>
      <CheckboxGroupInput
        source="payload.channels"
        label="Stop contact by"
        choices={optOutChannelChoices}
        validate={atLeastOne}
      />
      <CheckboxGroupInput
        source="payload.scopes"
        label="Scopes"
        choices={optOutScopeChoices}
        validate={atLeastOne}
      />
    </>
  ),
  payloadFor: (payload) => ({ channels: payload.channels ?? [], scopes: payload.scopes ?? [] }),
};

export default optOutUi;
