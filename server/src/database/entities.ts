import { AuditEntry } from '../audit/audit-entry.entity.js';
import { RecoveryCode } from '../auth/recovery-code.entity.js';
import { Session } from '../auth/session.entity.js';
import { Job } from '../jobs/job.entity.js';
import { User } from '../users/user.entity.js';

export const ENTITIES = [User, Session, RecoveryCode, AuditEntry, Job];
