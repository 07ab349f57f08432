import type {
  CorrectionDecision,
  CorrectionWorkDto,
  FollowUpExemption,
} from '@privacy-desk/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRefresh } from 'react-admin';

import { apiFetch } from '../../../api';

const key = (requestId: string) => ['request-correction', requestId];
const base = (requestId: string) => `/requests/${encodeURIComponent(requestId)}/correction`;

export interface DecisionInput {
  field: string;
  decision: CorrectionDecision;
  value?: string | null;
  reason?: string;
}

export type FollowUpInput =
  | { version: number; outcome: 'notified'; method: string; notifiedOn: string }
  | { version: number; outcome: 'exempt'; exemption: FollowUpExemption | ''; explanation: string };

/** GET /api/requests/:id/correction: the diff, the decisions, the follow-ups and blockers. */
export function useCorrectionWork(requestId: string) {
  return useQuery({
    queryKey: key(requestId),
    queryFn: () => apiFetch<CorrectionWorkDto>(base(requestId)),
  });
}

/** The correction's writes; each one answers the new work, and the page (timeline) reloads. */
export function useCorrectionActions(requestId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  const done = (work: CorrectionWorkDto) => {
    queryClient.setQueryData(key(requestId), work);
    refresh();
    return work;
  };
  return {
    decide: (body: {
      version: number;
      subjectVersion: number;
      decisions: DecisionInput[];
      evidenceNotes: string | null;
    }) => apiFetch<CorrectionWorkDto>(base(requestId), { method: 'PUT', body }).then(done),
    apply: (subjectVersion: number) =>
      apiFetch<CorrectionWorkDto>(`${base(requestId)}/apply`, {
        method: 'POST',
        body: { subjectVersion },
      }).then(done),
    resolveFollowUp: (id: string, body: FollowUpInput) =>
      apiFetch<CorrectionWorkDto>(`${base(requestId)}/follow-ups/${encodeURIComponent(id)}`, {
        method: 'POST',
        body,
      }).then(done),
    letter: () => apiFetch<{ subject: string; body: string }>(`${base(requestId)}/letter`),
    reload: () => queryClient.invalidateQueries({ queryKey: key(requestId) }),
  };
}
