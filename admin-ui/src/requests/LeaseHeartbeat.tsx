import { useEffect, useRef } from 'react';

import { useIdentity } from '../auth/authProvider';
import { useAppDataProvider, type RequestRecord } from '../dataProvider';
import { HEARTBEAT_INTERVAL_MS, shouldBeat } from './lease';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'scroll', 'wheel'] as const;

/**
 * Keeps a claim (from Take next or Claim) with the person working on it: while the request
 * page is visible and its user has interacted within the last 10 minutes, it renews the
 * claim's lease every 2 minutes. Someone who has gone away stops renewing, and the claim
 * returns to the queue when its lease runs out. A manager's assignment has no lease and needs
 * no heartbeat. Renders nothing.
 */
export const LeaseHeartbeat = ({ record }: { record: RequestRecord }) => {
  const dataProvider = useAppDataProvider();
  const { identity } = useIdentity();
  const lastActivity = useRef(0);
  const holdsClaim =
    record.status === 'in_progress' &&
    record.assignmentKind === 'claim' &&
    identity?.id !== undefined &&
    record.assigneeId === identity.id;

  useEffect(() => {
    if (!holdsClaim) return undefined;
    const touch = () => {
      lastActivity.current = Date.now();
    };
    touch();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, touch, { passive: true });
    const beat = () => {
      if (shouldBeat(document.visibilityState === 'visible', lastActivity.current, Date.now()))
        dataProvider.renewRequestLease(record.id).catch(() => undefined);
    };
    // Coming back to the tab counts as activity, and renews at once.
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        touch();
        beat();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = window.setInterval(beat, HEARTBEAT_INTERVAL_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, touch);
      document.removeEventListener('visibilitychange', onVisible);
      window.clearInterval(timer);
    };
  }, [holdsClaim, record.id, dataProvider]);

  return null;
};
