import AssessmentIcon from '@mui/icons-material/Assessment';
import BalanceIcon from '@mui/icons-material/Balance';
import TimerIcon from '@mui/icons-material/Timer';
import { Menu, useCanAccess } from 'react-admin';

/** The three reports, for roles with `reports.read`. */
export const ReportMenuItems = () => {
  const { canAccess } = useCanAccess({ resource: 'reports', action: 'list' });
  if (!canAccess) return null;
  return (
    <>
      <Menu.Item
        to="/reports/ccpa-metrics"
        primaryText="CCPA metrics"
        leftIcon={<AssessmentIcon />}
      />
      <Menu.Item
        to="/reports/transparency"
        primaryText="Transparency report"
        leftIcon={<BalanceIcon />}
      />
      <Menu.Item to="/reports/sla" primaryText="SLA report" leftIcon={<TimerIcon />} />
    </>
  );
};
