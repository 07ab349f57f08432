import { ACTIVE_WITHIN_MS, shouldBeat } from './lease';

describe('the claim heartbeat', () => {
  const now = 1_000_000_000;
  it('beats while the page is visible and its user was active within 10 minutes', () => {
    expect(shouldBeat(true, now - 1_000, now)).toBe(true);
    expect(shouldBeat(true, now - ACTIVE_WITHIN_MS, now)).toBe(true);
  });
  it('stops for a hidden page or an idle user, so the claim can lapse', () => {
    expect(shouldBeat(false, now, now)).toBe(false);
    expect(shouldBeat(true, now - ACTIVE_WITHIN_MS - 1, now)).toBe(false);
  });
});
