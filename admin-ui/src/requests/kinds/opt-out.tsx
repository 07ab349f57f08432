import { Chip, Stack } from '@mui/material';
import { BooleanInput, CheckboxGroupInput } from 'react-admin';

import { OptOutPanel } from '../../suppressions/OptOutPanel';

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
      {record.payload?.optIn ? <Chip label="Opt back in" color="info" size="small" /> : null}
    </Stack>
  ),
  WorkPanel: ({ record }) => <OptOutPanel requestId={record.id} />,
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
      <BooleanInput
        source="payload.optIn"
        label="Opt back in (revokes the person's entries; needs their verified request)"
      />
    </>
  ),
  payloadFor: (payload) => ({
    channels: payload.channels ?? [],
    scopes: payload.scopes ?? [],
    ...(payload.optIn === true ? { optIn: true } : {}),
  }),
};

export default optOutUi;
