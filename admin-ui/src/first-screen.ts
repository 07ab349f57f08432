/**
 * The screen a page load opens on, so that its lazily loaded code can start downloading with
 * the app's own scripts instead of after the sign-in check (react-admin renders the routes only
 * once checkAuth has answered, and only then would React.lazy ask for the screen's chunk).
 */

/**
 * The key of the screen the address opens on: the resource of a list page ("requests" for
 * `#/requests?filter=…`), "" for the home page, undefined for anything else (a record's page,
 * a create form, the login page: those are not preloaded).
 */
export function firstScreenKey(hash: string): string | undefined {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return '';
  if (segments.length === 1 && /^[a-z][a-z0-9-]*$/.test(segments[0]!)) return segments[0];
  return undefined;
}

const loaders = new Map<string, () => Promise<unknown>>();

/** Registers the loader of the screen a key opens (see firstScreenKey). */
export function registerFirstScreen(key: string, load: () => Promise<unknown>): void {
  loaders.set(key, load);
}

/**
 * Starts loading the code of the screen `hash` opens on, if one is registered. The browser keeps
 * one copy of a module, so React.lazy's own import() later gets the same download.
 */
export function preloadFirstScreen(hash: string): void {
  const key = firstScreenKey(hash);
  const load = key === undefined ? undefined : loaders.get(key);
  // A failed preload is not an error: React.lazy asks again and shows its own error.
  if (load) load().catch(() => undefined);
}
