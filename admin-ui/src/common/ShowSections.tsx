import { Card, CardContent, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled card on a record's show page. */
export const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card variant="outlined" sx={{ height: '100%' }}>
    <CardContent>
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/** One labelled value in a Section; an absent value shows as a dash. */
export const Fact = ({
  label,
  children,
  testId,
  labelWidth = 150,
}: {
  label: string;
  children: ReactNode;
  testId?: string;
  labelWidth?: number;
}) => (
  <Stack direction="row" spacing={1} sx={{ mb: 0.5 }}>
    <Typography variant="body2" color="text.secondary" sx={{ minWidth: labelWidth }}>
      {label}
    </Typography>
    <Typography
      variant="body2"
      component="div"
      data-testid={testId}
      sx={{ whiteSpace: 'pre-wrap' }}
    >
      {children ?? '—'}
    </Typography>
  </Stack>
);
