import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  ArrayInput,
  maxLength,
  required,
  SelectInput,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';

import type { CorrectionItem } from '../../dataProvider';
import { correctableFieldChoices, correctableFieldLabel } from '../presentation';
import { atLeastOne } from './ChipRow';
import { CorrectionWorkPanel } from './correction/CorrectionWorkPanel';
import type { KindUi } from './kind-ui';

export const correctionUi: KindUi = {
  kind: 'correction',
  PayloadView: ({ record }) => {
    const corrections = record.payload?.corrections ?? [];
    if (!corrections.length) {
      return <Typography variant="body2">No corrections were listed.</Typography>;
    }
    return (
      <Table size="small" aria-label="Requested corrections" data-testid="corrections">
        <TableHead>
          <TableRow>
            <TableCell>Field</TableCell>
            <TableCell>Requested value</TableCell>
            <TableCell>Note</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {corrections.map((correction, index) => (
            <TableRow key={`${correction.field}-${index}`}>
              <TableCell>{correctableFieldLabel(correction.field)}</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>{correction.requestedValue}</TableCell>
              <TableCell>{correction.note ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  },
  WorkPanel: CorrectionWorkPanel,
  PayloadInputs: () => (
    <ArrayInput source="payload.corrections" label="Corrections" validate={atLeastOne}>
      <SimpleFormIterator inline disableReordering>
        <SelectInput
          source="field"
          label="Field"
          choices={correctableFieldChoices}
          validate={required()}
        />
        <TextInput
          source="requestedValue"
          label="Requested value"
          validate={[required(), maxLength(500)]}
        />
        <TextInput source="note" label="Note" validate={maxLength(1000)} />
      </SimpleFormIterator>
    </ArrayInput>
  ),
  payloadFor: (payload) => ({
    corrections: (payload.corrections ?? []).map((item: CorrectionItem) => {
      const correction: CorrectionItem = { field: item.field, requestedValue: item.requestedValue };
      if (item.note?.trim()) correction.note = item.note.trim();
      return correction;
    }),
  }),
};

export default correctionUi;
