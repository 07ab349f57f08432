import { Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** An outlined card with a small heading: one section of a page. */
export const SectionCard = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card variant="outlined" sx={{ mt: 2 }}>
    <CardContent>
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);
