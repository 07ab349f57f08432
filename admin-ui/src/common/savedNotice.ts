import {
  useGetRecordRepresentation,
  useNotify,
  useRedirect,
  useResourceContext,
  type RaRecord,
  type RedirectionSideEffect,
} from 'react-admin';

export type SaveEvent = 'created' | 'updated';

/** What one record of a resource is called, and what saving it did, in the words of the desk. */
const SAVED_WORDS: Readonly<Record<string, { noun: string } & Partial<Record<SaveEvent, string>>>> =
  {
    requests: { noun: 'Request', created: 'entered' },
    subjects: { noun: 'Subject', created: 'created', updated: 'updated' },
    'legal-process': { noun: 'Legal process', created: 'recorded', updated: 'updated' },
    disclosures: { noun: 'Disclosure', created: 'recorded', updated: 'updated' },
    violations: { noun: 'Violation flag', created: 'raised', updated: 'updated' },
    users: { noun: 'User', created: 'created', updated: 'updated' },
    'api-keys': { noun: 'API key', created: 'created' },
  };

/** "Subject Ada Byron created", "Request PR-2026-000007 entered". */
export function savedNotice(resource: string, event: SaveEvent, representation: string): string {
  const words = Object.hasOwn(SAVED_WORDS, resource) ? SAVED_WORDS[resource] : undefined;
  const noun = words?.noun ?? 'Record';
  const verb = words?.[event] ?? event;
  const name = representation.trim();
  return name ? `${noun} ${name} ${verb}` : `${noun} ${verb}`;
}

/**
 * A Create's or Edit's `mutationOptions.onSuccess` that says what was saved, naming the record as
 * its resource does (recordRepresentation), then goes where the page's `redirect` would have.
 * react-admin's own notice says only "Element created".
 */
export function useSavedHandler<R extends RaRecord = RaRecord>(
  event: SaveEvent,
  redirectTo: RedirectionSideEffect = 'show',
): (data: R) => void {
  const resource = useResourceContext() ?? '';
  const represent = useGetRecordRepresentation(resource);
  const notify = useNotify();
  const redirect = useRedirect();
  return (data: R) => {
    const representation = represent(data);
    notify(savedNotice(resource, event, typeof representation === 'string' ? representation : ''), {
      type: 'success',
    });
    redirect(redirectTo, resource, data.id, data);
  };
}
