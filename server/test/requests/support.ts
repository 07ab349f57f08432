import type { RequestStatus } from '@privacy-desk/shared';
import type { SignedIn } from '../support/test-app.js';

export interface RequestRecord {
  id: string;
  reference: string;
  status: RequestStatus;
  version: number;
  assigneeId: string | null;
  dueDate: string;
  allowedActions: string[];
  [key: string]: unknown;
}

let counter = 0;

/** Enters a request as staff (status new) and returns it. */
export async function enterRequest(
  staff: SignedIn,
  overrides: Record<string, unknown> = {},
): Promise<RequestRecord> {
  counter += 1;
  const res = await staff.agent
    .post('/api/requests')
    .set(staff.csrf)
    .send({
      kind: 'access',
      channel: 'phone',
      jurisdiction: 'gdpr',
      requesterName: `Requester ${counter}`,
      requesterEmail: `requester-${counter}-${Date.now()}@example.com`,
      receivedAt: new Date().toISOString().slice(0, 10),
      payload: { format: 'pdf' },
      ...overrides,
    });
  if (res.status !== 201)
    throw new Error(`enter request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as RequestRecord;
}

export async function act(
  who: SignedIn,
  request: RequestRecord,
  action: string,
  extra: Record<string, unknown> = {},
) {
  return who.agent
    .post(`/api/requests/${request.id}/actions/${action}`)
    .set(who.csrf)
    .send({ version: request.version, ...extra });
}

export const FIELDS_FOR: Record<string, Record<string, string>> = {
  reject: { reason: 'Could not verify the requester' },
  request_info: { message: 'Please send the account number' },
  complete: { resolution: 'Sent the copy by post' },
};
