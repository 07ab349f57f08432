import { Typography } from '@mui/material';
import type { RequestKind } from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';
import {
  AutocompleteInput,
  Create,
  DateInput,
  email,
  FormDataConsumer,
  ListButton,
  maxLength,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  TopToolbar,
  type Validator,
} from 'react-admin';

import { useAppDataProvider, type RequestPayload } from '../dataProvider';
import { kindUi } from './kinds';
import {
  jurisdictionChoices,
  localToday,
  staffEntryChannelChoices,
  submittableKindChoices,
} from './presentation';

/**
 * A received date may not lie in the future: after today in the desk's BUSINESS_TIME_ZONE,
 * as the server counts it (not where the browser is).
 */
const notAfter =
  (today: string): Validator =>
  (value: unknown) =>
    typeof value === 'string' && value > today ? 'Cannot be in the future' : undefined;

function transform(data: Record<string, unknown>): Record<string, unknown> {
  const kind = data.kind as RequestKind;
  const body: Record<string, unknown> = {
    kind,
    channel: data.channel,
    requesterName: data.requesterName,
    requesterEmail: data.requesterEmail,
    receivedAt: data.receivedAt,
    payload: kindUi(kind).payloadFor((data.payload as RequestPayload | undefined) ?? {}),
  };
  if (data.jurisdiction) body.jurisdiction = data.jurisdiction;
  if (data.subjectId) body.subjectId = data.subjectId;
  return body;
}

const PayloadInputs = ({ kind }: { kind: RequestKind | undefined }) => {
  const Inputs = kind ? kindUi(kind).PayloadInputs : undefined;
  if (Inputs) return <Inputs />;
  return (
    <Typography variant="body2" color="text.secondary">
      Choose a kind to say what was asked.
    </Typography>
  );
};

const RequestCreateActions = () => (
  <TopToolbar>
    <ListButton label="Requests" />
  </TopToolbar>
);

/** Today in the desk's time zone, from the server; the browser's date only if that fails. */
const useDeskToday = () => {
  const dataProvider = useAppDataProvider();
  const { data, isError } = useQuery({
    queryKey: ['requests', 'entry-defaults'],
    queryFn: () => dataProvider.getEntryDefaults(),
    staleTime: 60_000,
  });
  if (data) return { today: data.today, timeZone: data.timeZone };
  if (isError) return { today: localToday(), timeZone: undefined };
  return undefined;
};

/** Staff entry of a request that arrived by email, phone, post or in person. */
export const RequestCreate = () => {
  const desk = useDeskToday();
  return (
    <Create
      title="New request"
      actions={<RequestCreateActions />}
      transform={transform}
      redirect="show"
    >
      {desk ? (
        <RequestEntryForm today={desk.today} timeZone={desk.timeZone} />
      ) : (
        <Typography sx={{ p: 2 }}>Loading…</Typography>
      )}
    </Create>
  );
};

const RequestEntryForm = ({ today, timeZone }: { today: string; timeZone?: string }) => (
  <SimpleForm
    defaultValues={() => ({
      receivedAt: today,
      channel: 'email',
      payload: { corrections: [{}], channels: [], scopes: [] },
    })}
  >
    <SelectInput
      source="kind"
      label="Kind"
      choices={submittableKindChoices}
      validate={required()}
    />
    <SelectInput
      source="channel"
      label="Received by"
      choices={staffEntryChannelChoices}
      validate={required()}
    />
    <SelectInput
      source="jurisdiction"
      label="Jurisdiction"
      choices={jurisdictionChoices}
      helperText="Optional"
    />
    <TextInput
      source="requesterName"
      label="Requester name"
      validate={[required(), maxLength(200)]}
    />
    <TextInput
      source="requesterEmail"
      label="Requester email"
      type="email"
      validate={[required(), email(), maxLength(320)]}
    />
    <DateInput
      source="receivedAt"
      label="Received on"
      validate={[required(), notAfter(today)]}
      slotProps={{ htmlInput: { max: today } }}
      helperText={`The legal clock runs from this day${timeZone ? ` (today is ${today} in ${timeZone})` : ''}`}
    />
    <ReferenceInput source="subjectId" reference="subjects" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput
        label="Subject (if known)"
        optionText={(subject: { name: string; email: string }) =>
          `${subject.name} · ${subject.email}`
        }
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>
    <FormDataConsumer<{ kind?: RequestKind }>>
      {({ formData }) => <PayloadInputs kind={formData.kind} />}
    </FormDataConsumer>
  </SimpleForm>
);
