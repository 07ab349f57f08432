/**
 * The JSON the disclosure-log API answers with. The server's DTOs implement these shapes and
 * the console reads them; a change here is a change on both sides.
 */
import type {
  AppealStatus,
  DataCategory,
  DisclosureBasis,
  DocumentOwnerType,
  DocumentRole,
  EnforcementAction,
  LegalProcessOutcome,
  LegalProcessType,
  RecipientType,
  ViolationCategory,
  ViolationSeverity,
  ViolationSource,
} from './disclosure-log.js';
import type { LegalProcessAction, LegalProcessStatus } from './legal-process-lifecycle.js';
import type { ReviewAction, ReviewStatus } from './review-lifecycle.js';
import type { ViolationAction, ViolationStatus } from './violation-lifecycle.js';

export interface RecordRef {
  id: string;
  reference: string;
}

export interface SubjectRef {
  id: string;
  name: string;
  email: string;
}

export interface UserRef {
  id: string;
  name: string;
}

/** The review state of a disclosure or a legal-process response, for the signed-in user. */
export interface ReviewStateDto {
  status: ReviewStatus;
  reviewedBy: UserRef | null;
  reviewedAt: string | null;
  note: string | null;
  /** The review actions this user may take now (four eyes already applied). */
  actions: ReviewAction[];
  /** Why this user may not approve (they recorded it, or decided a flag it cites). */
  approvalBlockedReason: string | null;
}

export interface GagStateDto {
  gagOrder: boolean;
  gagUntil: string | null;
  inForce: boolean;
  explanation: string;
}

export interface DueStateDto {
  dueDate: string;
  /** `overdue`, `due_soon` (within 3 days) or `on_track`; null once closed. */
  deadline: 'overdue' | 'due_soon' | 'on_track' | null;
  explanation: string;
}

// ---- GET /api/legal-process[/:id] ---------------------------------------------------------

export interface LegalProcessSubjectDto extends SubjectRef {
  noticeRequest: RecordRef | null;
  notifiedAt: string | null;
}

export interface LegalProcessDto {
  id: string;
  reference: string;
  type: LegalProcessType;
  status: LegalProcessStatus;
  outcome: LegalProcessOutcome | null;
  issuingAuthority: string;
  requestingAgency: string | null;
  requestingOfficer: string | null;
  identityVerification: string | null;
  jurisdiction: string;
  caseNumber: string | null;
  receivedAt: string;
  responseDueOn: string;
  due: DueStateDto;
  /** Lists carry only the count; the show page carries the subjects. */
  subjectCount: number;
  subjects?: LegalProcessSubjectDto[];
  dataCategories: DataCategory[];
  periodStart: string | null;
  periodEnd: string | null;
  notes: string | null;
  legalReviewer: UserRef | null;
  responseSummary: string | null;
  respondedAt: string | null;
  gag: GagStateDto;
  /** Null until a response (or rejection) is recorded. */
  review: ReviewStateDto | null;
  /** The disclosures produced in answer. */
  disclosures?: RecordRef[];
  recordedBy: UserRef;
  /** Life-cycle actions this user may take now. */
  actions: LegalProcessAction[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

// ---- GET /api/disclosures[/:id] -----------------------------------------------------------

export interface DisclosureSubjectDto extends SubjectRef {
  violationFlag: RecordRef | null;
}

export interface DisclosureDto {
  id: string;
  reference: string;
  aggregated: boolean;
  subjectCount: number;
  subjects?: DisclosureSubjectDto[];
  recipientName: string;
  recipientType: RecipientType;
  recipientAddress: string | null;
  basis: DisclosureBasis;
  purpose: string;
  dataCategories: DataCategory[];
  disclosedAt: string;
  legalProcess: RecordRef | null;
  consentRequest: RecordRef | null;
  consentDocumentSha256: string | null;
  consentNote: string | null;
  consentGivenOn: string | null;
  /** Under a gag order in force (through its legal process). */
  gagged: boolean;
  review: ReviewStateDto;
  /** The approved record this one amends, and the records that amend this one. */
  amends: RecordRef | null;
  amendedBy?: (RecordRef & { reviewStatus: ReviewStatus })[];
  recordedBy: UserRef;
  createdAt: string;
  updatedAt: string;
  version: number;
}

// ---- GET /api/violations[/:id] ------------------------------------------------------------

export interface ViolationFlagDto {
  id: string;
  reference: string;
  subject: SubjectRef;
  category: ViolationCategory;
  severity: ViolationSeverity;
  termsClause: string;
  description: string;
  evidenceText: string | null;
  evidenceLinks: string[];
  source: ViolationSource;
  status: ViolationStatus;
  decidedBy: UserRef | null;
  decidedAt: string | null;
  decisionReason: string | null;
  enforcementAction: EnforcementAction | null;
  appealStatus: AppealStatus | null;
  appealReason: string | null;
  appealedAt: string | null;
  appealDecidedBy: UserRef | null;
  appealDecidedAt: string | null;
  appealDecisionReason: string | null;
  flaggedBy: UserRef;
  /** Life-cycle actions this user may take now (one appeal; not the officer who decided). */
  actions: ViolationAction[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

// ---- GET /api/documents?filter={"ownerType":…,"ownerId":…} --------------------------------

export interface DocumentAttachmentDto {
  id: string;
  ownerType: DocumentOwnerType;
  ownerId: string;
  sha256: string;
  filename: string;
  role: DocumentRole;
  mediaType: string;
  sizeBytes: number;
  attachedBy: UserRef;
  attachedAt: string;
  /** `/api/documents/<sha256>/content` */
  downloadUrl: string;
}

// ---- GET /api/subjects/:id/disclosures[?view=subject] -------------------------------------

export interface AccountingEntryDto {
  /** Omitted in the subject's view (it would give a gap in numbering away). */
  reference?: string;
  disclosedAt: string;
  recipientName: string;
  recipientType: RecipientType;
  basis: DisclosureBasis;
  purpose: string;
  dataCategories: DataCategory[];
  /** Staff view only: under a gag order in force. */
  gagged?: boolean;
  reviewStatus?: ReviewStatus;
  legalProcess?: RecordRef | null;
}

/** Repeated disclosures to one recipient for one purpose, as HIPAA §164.528(b)(3) allows. */
export interface AccountingGroupDto {
  recipientName: string;
  recipientType: RecipientType;
  basis: DisclosureBasis;
  purpose: string;
  dataCategories: DataCategory[];
  first: string;
  last: string;
  frequency: number;
}

export interface SubjectAccountingDto {
  subject: SubjectRef;
  view: 'staff' | 'subject';
  /** The period the accounting covers (inclusive dates). */
  periodStart: string | null;
  periodEnd: string | null;
  entries: AccountingEntryDto[];
  groups: AccountingGroupDto[];
  /** The period and the rules applied, in words (optional: added after the first contract). */
  explanation?: string;
}

// ---- GET /api/review-queue -----------------------------------------------------------------

export interface ReviewQueueItemDto {
  kind: 'disclosure' | 'legal_process';
  id: string;
  reference: string;
  summary: string;
  recordedBy: UserRef;
  submittedAt: string;
  /** False when four eyes forbid this officer from approving it. */
  canApprove: boolean;
}

export interface ReviewQueueDto {
  pendingReview: ReviewQueueItemDto[];
  legalProcessDueSoon: (RecordRef & {
    type: LegalProcessType;
    dueDate: string;
    deadline: 'overdue' | 'due_soon';
  })[];
  gagOrdersLapsing: (RecordRef & { gagUntil: string; subjectCount: number })[];
  openFlagsBySeverity: Record<ViolationSeverity, number>;
  openFlags: (RecordRef & {
    severity: ViolationSeverity;
    category: ViolationCategory;
    subject: SubjectRef;
  })[];
}
