import { Chip, Stack, Typography } from '@mui/material';

export const ChipRow = ({
  label,
  values,
  format,
}: {
  label: string;
  values: string[];
  format: (value: string) => string;
}) => (
  <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
    <Typography variant="body2" sx={{ minWidth: 80 }}>
      {label}
    </Typography>
    {values.length ? (
      values.map((value) => <Chip key={value} size="small" label={format(value)} />)
    ) : (
      <Typography variant="body2" color="text.secondary">
        none
      </Typography>
    )}
  </Stack>
);

export const atLeastOne = (value: unknown) =>
  Array.isArray(value) && value.length > 0 ? undefined : 'Choose at least one';
