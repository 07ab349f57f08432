import { Chip, Tooltip } from '@mui/material';

import type { LegalProcessRecord } from './presentation';

/** Marks a record whose non-disclosure order is in force (the subjects must not be told). */
export const GagChip = ({ record }: { record: Pick<LegalProcessRecord, 'gag'> }) => {
  if (!record.gag.gagOrder) return null;
  return (
    <Tooltip title={record.gag.explanation}>
      <Chip
        size="small"
        color={record.gag.inForce ? 'warning' : 'default'}
        variant={record.gag.inForce ? 'filled' : 'outlined'}
        label={
          record.gag.inForce
            ? `Gag order${record.gag.gagUntil ? ` until ${record.gag.gagUntil}` : ' (indefinite)'}`
            : 'Gag order lapsed'
        }
        data-testid="gag-chip"
        data-in-force={record.gag.inForce}
      />
    </Tooltip>
  );
};
