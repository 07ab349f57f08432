import HomeIcon from '@mui/icons-material/Home';
import { Menu } from 'react-admin';

/** Home, then every resource whose list the role may see (ResourceItem asks canAccess). */
export const AppMenu = () => (
  <Menu aria-label="Main menu">
    <Menu.DashboardItem primaryText="Home" leftIcon={<HomeIcon />} />
    <Menu.ResourceItems />
  </Menu>
);
