import { Box, Card, CardContent, Link, Skeleton, Typography } from '@mui/material';
import type { DateRange } from '@privacy-desk/shared';
import { Suspense, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import { formatRange } from './presentation';

/** One figure of the dashboard: a title, the span it covers, and its content. */
export const FigureCard = ({
  title,
  range,
  timeZone,
  testId,
  children,
}: {
  title: string;
  range: DateRange;
  timeZone: string;
  testId: string;
  children: ReactNode;
}) => (
  <Card variant="outlined" data-testid={testId} sx={{ height: '100%' }}>
    <CardContent>
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography
        variant="caption"
        color="text.secondary"
        data-testid={`${testId}-range`}
        sx={{ display: 'block', mb: 1 }}
      >
        {formatRange(range, timeZone)}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/** A big number, optionally a link (into the filtered list it counts). */
export const BigNumber = ({
  value,
  to,
  testId,
  caption,
}: {
  value: number;
  to?: string;
  testId: string;
  caption?: string;
}) => (
  <Box>
    {to ? (
      <Link
        component={RouterLink}
        to={to}
        variant="h3"
        underline="hover"
        data-testid={testId}
        aria-label={caption ? `${value} ${caption}` : String(value)}
      >
        {value}
      </Link>
    ) : (
      <Typography variant="h3" data-testid={testId}>
        {value}
      </Typography>
    )}
    {caption ? (
      <Typography variant="body2" color="text.secondary">
        {caption}
      </Typography>
    ) : null}
  </Box>
);

/** Where a lazily loaded chart draws, with a placeholder of its size while it loads. */
export const ChartSlot = ({ testId, children }: { testId: string; children: ReactNode }) => (
  <Box data-testid={testId}>
    <Suspense fallback={<Skeleton variant="rectangular" height={260} />}>{children}</Suspense>
  </Box>
);
