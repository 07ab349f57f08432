import {
  CSRF_HEADER,
  ERROR_CODES,
  ROLE_LABELS,
  type Role,
  type SessionInfo,
} from '@privacy-desk/shared';
import { useGetIdentity, type AuthProvider, type UserIdentity } from 'react-admin';

import { apiFetch, errorCode, isHttpError } from '../api';
import { canAccess } from './canAccess';
import { forgetSession, getSession, loadSession, requiredStep, setSession } from './session';

export interface LoginParams {
  email: string;
  password: string;
  otp?: string;
  recoveryCode?: string;
}

export interface PrivacyDeskIdentity extends UserIdentity {
  id: string;
  fullName: string;
  email: string;
  role: Role;
  roleLabel: string;
  mfaEnabled: boolean;
}

/** useGetIdentity, typed with what getIdentity returns. */
export const useIdentity = () => {
  const result = useGetIdentity();
  return { ...result, identity: result.identity as PrivacyDeskIdentity | undefined };
};

/**
 * react-admin reads these fields from whatever checkAuth/checkError reject with: `message`
 * (false: no notification), `redirectTo`, and `logoutUser` (false: stay signed in).
 */
function authRejection(reason: {
  message?: string | false;
  redirectTo?: string;
  logoutUser?: boolean;
}): unknown {
  return reason;
}

/** Whether the signed-in user had a session that has now ended (to say so on the login page). */
let hadSession = false;

export const authProvider: AuthProvider = {
  async login(params: LoginParams) {
    const body: LoginParams = { email: params.email, password: params.password };
    if (params.otp) body.otp = params.otp;
    if (params.recoveryCode) body.recoveryCode = params.recoveryCode;
    // A login never carries an old CSRF token; the answer brings a fresh one.
    const session = await apiFetch<SessionInfo>('/auth/login', {
      method: 'POST',
      body,
      csrf: false,
    });
    setSession(session);
    hadSession = true;
    const step = requiredStep(session);
    // Only return redirectTo when there is one: react-admin navigates to whatever it holds.
    return step ? { redirectTo: step } : undefined;
  },

  async logout() {
    const session = getSession();
    forgetSession();
    hadSession = false;
    if (session) {
      try {
        await fetch('/api/auth/logout', {
          method: 'POST',
          headers: { Accept: 'application/json', [CSRF_HEADER]: session.csrfToken },
          credentials: 'same-origin',
        });
      } catch {
        // The server may be unreachable; the local session is gone either way.
      }
    }
  },

  async checkAuth() {
    const session = await loadSession();
    if (!session) {
      const ended = hadSession;
      hadSession = false;
      throw authRejection({
        message: ended ? 'Your session has ended. Please sign in again.' : false,
      });
    }
    hadSession = true;
  },

  async checkError(error: unknown) {
    if (!isHttpError(error)) return;
    if (error.status === 401) {
      forgetSession();
      throw new Error('Your session has ended. Please sign in again.');
    }
    if (error.status === 403) {
      const code = errorCode(error);
      if (code === ERROR_CODES.mfaEnrolmentRequired) {
        throw authRejection({ logoutUser: false, redirectTo: '/mfa-enrol', message: false });
      }
      if (code === ERROR_CODES.passwordChangeRequired) {
        throw authRejection({ logoutUser: false, redirectTo: '/password', message: false });
      }
      if (code === ERROR_CODES.csrf) {
        // The token went stale (e.g. session rotated): fetch a fresh one for the next try.
        await loadSession(true).catch(() => undefined);
      }
      // Any other 403: stay signed in, the page shows the error.
    }
  },

  async getIdentity(): Promise<PrivacyDeskIdentity> {
    const session = await loadSession();
    if (!session) throw new Error('Not signed in');
    const { user } = session;
    return {
      id: user.id,
      fullName: `${user.name}`,
      email: user.email,
      role: user.role,
      roleLabel: ROLE_LABELS[user.role] ?? user.role,
      mfaEnabled: user.mfaEnabled,
    };
  },

  async getPermissions() {
    const session = await loadSession();
    return session?.user.role;
  },

  async canAccess({ resource, action }) {
    const session = await loadSession();
    // A session that still has to enrol MFA or change its password may use nothing else.
    if (!session || requiredStep(session)) return false;
    return canAccess(session.user.role, resource, action);
  },
};
