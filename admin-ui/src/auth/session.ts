import type { SessionInfo } from '@privacy-desk/shared';
import { useSyncExternalStore } from 'react';

/**
 * The current SessionInfo, kept in memory only (the session itself is an httpOnly cookie).
 * A reload asks GET /api/auth/me again, which also hands out the CSRF token.
 */
let current: SessionInfo | null = null;
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
  fetchedAt = session ? Date.now() : 0;
  emit();
}

export function clearSession(): void {
  setSession(null);
}

/**
 * The session from GET /api/auth/me (null when signed out). Uses the cached one when it is
 * fresh unless `force`; concurrent calls share one request.
 */
export async function loadSession(force = false): Promise<SessionInfo | null> {
  if (!force && current && Date.now() - fetchedAt < SESSION_CACHE_MS) return current;
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
