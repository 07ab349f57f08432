import type { Request } from 'express';
import type { User } from '../users/user.entity.js';
import type { Actor } from './actor.js';
import type { Session } from './session.entity.js';

export interface SessionContext {
  session: Session;
  user: User;
  /** The raw cookie token (never stored): the CSRF token derives from it. */
  token: string;
}

export interface AuthenticatedRequest extends Request {
  auth?: SessionContext;
  actor?: Actor;
}
