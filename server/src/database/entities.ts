import { ApiKey } from '../api-keys/api-key.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { RecoveryCode } from '../auth/recovery-code.entity.js';
import { Session } from '../auth/session.entity.js';
import { RateLimitCounter } from '../common/http/rate-limit-counter.entity.js';
import { Job } from '../jobs/job.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { ReferenceCounter } from '../requests/reference-counter.entity.js';
import { RequestEvent } from '../requests/request-event.entity.js';
import { SubjectChange } from '../subjects/subject-change.entity.js';
import { Subject } from '../subjects/subject.entity.js';
import { User } from '../users/user.entity.js';

export const ENTITIES = [
  User,
  Session,
  RecoveryCode,
  LoginThrottle,
  RateLimitCounter,
  AuditEntry,
  Job,
  MailMessage,
  ApiKey,
  Subject,
  SubjectChange,
  PrivacyRequest,
  RequestEvent,
  ReferenceCounter,
];
