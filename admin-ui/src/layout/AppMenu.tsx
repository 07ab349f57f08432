import HomeIcon from '@mui/icons-material/Home';
import { Menu } from 'react-admin';

import { ReportMenuItems } from '../reports/ReportMenuItems';

/** Home, every resource whose list the role may see (ResourceItem asks canAccess), the reports. */
export const AppMenu = () => (
  <Menu aria-label="Main menu">
    <Menu.DashboardItem primaryText="Home" leftIcon={<HomeIcon />} />
    <Menu.ResourceItems />
    <ReportMenuItems />
  </Menu>
);
