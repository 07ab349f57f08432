import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { loadSession } from './auth/session';
import { fetchListOfAddress } from './dataProvider';
import { preloadFirstScreen } from './first-screen';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

// Ask who is signed in, fetch the code of the screen the address opens on and, for a list opened
// by its full address, its first page, all while React renders: react-admin's checkAuth shares
// this /api/auth/me call (session.ts), React.lazy the screen's download, and the list's getList
// the early answer (early-list.ts). Otherwise each waits for the one before: the screen's chunk
// for checkAuth, and the list's data for the chunk, the access check and the first render.
loadSession().catch(() => undefined);
preloadFirstScreen(window.location.hash);
fetchListOfAddress(window.location.hash);

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
