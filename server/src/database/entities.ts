import { ApiKey } from '../api-keys/api-key.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { RecoveryCode } from '../auth/recovery-code.entity.js';
import { Session } from '../auth/session.entity.js';
import { RateLimitCounter } from '../common/http/rate-limit-counter.entity.js';
import { ReferenceCounter } from '../common/references/reference-counter.entity.js';
import { Disclosure } from '../disclosures/disclosure.entity.js';
import { DisclosureSubject } from '../disclosures/disclosure-subject.entity.js';
import { DocumentAttachment } from '../documents/document-attachment.entity.js';
import { StoredDocument } from '../documents/document.entity.js';
import { ExportChunk, ExportJob } from '../exports/export-job.entity.js';
import { Job } from '../jobs/job.entity.js';
import { LegalProcess } from '../legal-process/legal-process.entity.js';
import { LegalProcessSubject } from '../legal-process/legal-process-subject.entity.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { PrivacyRequest } from '../requests/privacy-request.entity.js';
import { RequestEvent } from '../requests/request-event.entity.js';
import {
  CorrectionFieldDecision,
  CorrectionFollowUp,
  CorrectionReview,
} from '../requests/correction/correction.entities.js';
import { RequestPackage } from '../request-packages/request-package.entity.js';
import { SubjectChange } from '../subjects/subject-change.entity.js';
import { Subject } from '../subjects/subject.entity.js';
import { OptOutCheck } from '../suppressions/opt-out-check.entity.js';
import { Suppression } from '../suppressions/suppression.entity.js';
import { ViolationFlag } from '../violations/violation-flag.entity.js';
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
  LegalProcess,
  LegalProcessSubject,
  Disclosure,
  DisclosureSubject,
  ViolationFlag,
  StoredDocument,
  DocumentAttachment,
  CorrectionReview,
  CorrectionFieldDecision,
  CorrectionFollowUp,
  Suppression,
  OptOutCheck,
  RequestPackage,
  ExportJob,
  ExportChunk,
];
