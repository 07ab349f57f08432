import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { Navigate, useLocation } from 'react-router-dom';

import { requiredStep, useSession } from '../auth/session';
import { AppAppBar } from './AppAppBar';
import { AppMenu } from './AppMenu';

/**
 * Sends a session that must first enrol a second factor (or change its password) to that
 * page: the server refuses everything else to such a session anyway.
 */
const SessionGate = ({ children }: { children: ReactNode }) => {
  const session = useSession();
  const location = useLocation();
  const step = requiredStep(session);
  if (step && location.pathname !== step) return <Navigate to={step} replace />;
  return <>{children}</>;
};

export const AppLayout = ({ children }: { children: ReactNode }) => (
  <Layout appBar={AppAppBar} menu={AppMenu}>
    <SessionGate>{children}</SessionGate>
  </Layout>
);
