import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { loadSession } from './auth/session';
import { preloadFirstScreen } from './first-screen';
import { watchRowCheckboxes } from './layout/row-checkbox-labels';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

// Ask who is signed in, and fetch the code of the screen the address opens on, while React
// renders: react-admin's checkAuth shares this /api/auth/me call (session.ts), and React.lazy the
// screen's download. Otherwise each waits for the other: the screen's chunk only after checkAuth.
loadSession().catch(() => undefined);
preloadFirstScreen(window.location.hash);
watchRowCheckboxes(document);

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
