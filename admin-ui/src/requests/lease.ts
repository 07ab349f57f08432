/** How often the request page tells the server its user is still at work on a claim. */
export const HEARTBEAT_INTERVAL_MS = 2 * 60_000;
/** Without a key, click, scroll or pointer move for this long, the user counts as away. */
export const ACTIVE_WITHIN_MS = 10 * 60_000;

/** Whether a heartbeat is due: the page is visible and its user interacted recently. */
export const shouldBeat = (visible: boolean, lastActivityMs: number, nowMs: number): boolean =>
  visible && nowMs - lastActivityMs <= ACTIVE_WITHIN_MS;
