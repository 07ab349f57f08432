import { Alert, Box, Skeleton } from '@mui/material';
import type { DashboardDto } from '@privacy-desk/shared';
import { useQuery } from '@tanstack/react-query';

import { apiFetch } from '../api';
import { ManagerDashboardView } from './ManagerDashboardView';
import { AdminDashboardView, ComplianceDashboardView, StaffDashboardView } from './RoleDashboards';

/** GET /api/dashboard: the signed-in role's figures, all counted by the server. */
export const RoleDashboard = () => {
  const { data, error, isPending } = useQuery({
    queryKey: ['dashboard'],
    queryFn: () => apiFetch<DashboardDto>('/dashboard'),
  });
  if (error) return <Alert severity="error">The dashboard could not be loaded.</Alert>;
  if (isPending || !data) return <Skeleton variant="rectangular" height={200} />;
  const { timeZone } = data;
  return (
    <Box data-testid="dashboard" sx={{ mt: 2 }}>
      {data.manager ? <ManagerDashboardView data={data.manager} timeZone={timeZone} /> : null}
      {data.compliance ? (
        <ComplianceDashboardView data={data.compliance} timeZone={timeZone} />
      ) : null}
      {data.staff ? <StaffDashboardView data={data.staff} timeZone={timeZone} /> : null}
      {data.admin ? <AdminDashboardView data={data.admin} timeZone={timeZone} /> : null}
    </Box>
  );
};
