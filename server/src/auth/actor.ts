import type { ActorType, Role } from '@privacy-desk/shared';

/** Who is acting: recorded on every audit entry. */
export interface Actor {
  type: ActorType;
  id: string | null;
  label: string;
  role?: Role;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system' };

export function cliActor(): Actor {
  return { type: 'system', id: 'cli', label: 'command line' };
}
