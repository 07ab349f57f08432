import type { ModuleRef } from '@nestjs/core';
import { PublicRequestsService } from '../requests/public-requests.service.js';

/**
 * Demo suppression entries. The demo's opt-out requests (entered by staff, so `new`) wrote
 * theirs when they joined the queue; this adds a Global Privacy Control signal from a visitor
 * with no subject record, through the public intake (so it is checked, audited and on a
 * timeline like a real one): an opt-out of sharing by email that took effect at once.
 */
export async function seedDemoSuppressions(moduleRef: ModuleRef): Promise<void> {
  const publicRequests = moduleRef.get(PublicRequestsService, { strict: false });
  await publicRequests.submit(
    {
      kind: 'opt_out',
      requesterName: 'Robin Visitor',
      requesterEmail: 'robin.visitor@example.com',
      payload: { channels: ['email'], scopes: ['partner_sharing'] },
    },
    { gpc: true },
  );
}
