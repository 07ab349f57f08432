import type { SessionInfo } from '@privacy-desk/shared';
import { useSyncExternalStore } from 'react';

import { setDeskTimeZone } from '../common/desk-dates';

/**
 * The current SessionInfo, kept in memory only (the session itself is an httpOnly cookie).
 * A reload asks GET /api/auth/me again, which also hands out the CSRF token.
 */
let current: SessionInfo | null = null;
/** Whether `current` is the server's answer (signed in or out) rather than "not asked yet". */
let known = false;
let fetchedAt = 0;
let inFlight: Promise<SessionInfo | null> | null = null;
const listeners = new Set<() => void>();

/** How long checkAuth trusts the cached session before asking the server again. */
export const SESSION_CACHE_MS = 15_000;

function emit(): void {
  for (const listener of listeners) listener();
}

export function getSession(): SessionInfo | null {
  return current;
}

export function getCsrfToken(): string | undefined {
  return current?.csrfToken;
}

export function setSession(session: SessionInfo | null): void {
  current = session;
  setDeskTimeZone(session?.deskTimeZone);
  known = true;
  fetchedAt = Date.now();
  emit();
}

export function clearSession(): void {
  setSession(null);
}

/**
 * Drops the session and what the server last said, so that the next check asks again. For a
 * sign-out or a 401: react-admin then re-checks while it moves to the login page, and an answer
 * at once from memory would send it round that loop faster than the move can finish.
 */
export function forgetSession(): void {
  current = null;
  known = false;
  fetchedAt = 0;
  emit();
}

/**
 * The session from GET /api/auth/me (null when signed out). Uses the cached one when it is
 * fresh unless `force`; concurrent calls share one request. "Signed out" is kept until a sign-in
 * or `force`: the login page's repeated checkAuth calls would otherwise each ask the server again,
 * and nothing but a sign-in on this page turns a signed-out browser into a signed-in one.
 */
export async function loadSession(force = false): Promise<SessionInfo | null> {
  if (!force && known && (current === null || Date.now() - fetchedAt < SESSION_CACHE_MS)) {
    return current;
  }
  if (inFlight) return inFlight;
  inFlight = (async () => {
    try {
      const response = await fetch('/api/auth/me', {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (response.status === 401) {
        setSession(null);
        return null;
      }
      if (!response.ok) throw new Error(`GET /api/auth/me answered ${response.status}`);
      const session = (await response.json()) as SessionInfo;
      setSession(session);
      return session;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** React view of the cached session (re-renders when it changes). */
export function useSession(): SessionInfo | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** Where a session that is not yet allowed to use the console must go, if anywhere. */
export function requiredStep(session: SessionInfo | null): '/mfa-enrol' | '/password' | null {
  if (!session) return null;
  if (session.mfaEnrolmentRequired) return '/mfa-enrol';
  if (session.passwordChangeRequired) return '/password';
  return null;
}
