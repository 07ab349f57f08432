import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import {
  APPEAL_STATUSES,
  dateInZone,
  ENFORCEMENT_ACTION_LABELS,
  fieldLabelOf,
  findViolationTransition,
  hasPermission,
  notPossibleNow,
  VIOLATION_ACTION_LABELS,
  VIOLATION_CATEGORIES,
  VIOLATION_CATEGORY_LABELS,
  VIOLATION_SEVERITIES,
  VIOLATION_SEVERITY_LABELS,
  VIOLATION_SOURCE_LABELS,
  VIOLATION_STATUS_LABELS,
  VIOLATION_STATUSES,
  violationActionsFor,
} from '@privacy-desk/shared';
import type {
  EnforcementAction,
  SubjectRef,
  ViolationAction,
  ViolationCategory,
  ViolationSeverity,
  ViolationSource,
  ViolationStatus,
} from '@privacy-desk/shared';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { Clock } from '../common/clock/clock.js';
import {
  ApiError,
  conflict,
  notFound,
  staleVersion,
  validationError,
} from '../common/errors/domain-errors.js';
import { parseListQuery } from '../common/list/list-query.js';
import type { ListSpec, RawListParams } from '../common/list/list-query.js';
import { ReferenceNumbers } from '../common/references/reference-numbers.js';
import { AppConfig } from '../config/app-config.js';
import { TransactionService } from '../database/transaction.service.js';
import { ViolationFlag } from './violation-flag.entity.js';
import { ViolationFlagRepository } from './violation-flag.repository.js';
import { ViolationFlagDto } from './violation.dto.js';

export const VIOLATION_LIST_SPEC: ListSpec = {
  sortable: {
    createdAt: 'createdAt',
    updatedAt: 'updatedAt',
    reference: 'reference',
    status: 'status',
    severity: 'severity',
    category: 'category',
    decidedAt: 'decidedAt',
  },
  filterable: {
    q: {
      column: 'reference',
      kind: 'search',
      columns: ['reference', 'termsClause', 'description'],
    },
    status: { column: 'status', kind: 'exact', values: VIOLATION_STATUSES },
    severity: { column: 'severity', kind: 'exact', values: VIOLATION_SEVERITIES },
    category: { column: 'category', kind: 'exact', values: VIOLATION_CATEGORIES },
    subjectId: { column: 'subjectId', kind: 'exact' },
    appealStatus: { column: 'appealStatus', kind: 'exact', values: APPEAL_STATUSES },
  },
  defaultSort: ['createdAt', 'DESC'],
};

/** Statuses in which the flag's own fields may still be edited. */
const EDITABLE: readonly ViolationStatus[] = ['open', 'under_review'];

export interface NewViolation {
  subjectId: string;
  category: ViolationCategory;
  severity: ViolationSeverity;
  termsClause: string;
  description: string;
  evidenceText?: string | null;
  evidenceLinks?: string[];
  source: ViolationSource;
}

export interface ViolationChanges extends Partial<Omit<NewViolation, 'subjectId'>> {
  version: number;
}

export interface ViolationActionInput {
  version: number;
  reason?: string;
  enforcementAction?: EnforcementAction;
}

/** Terms-of-Service violation flags: flagging, editing, deciding, and the one appeal. */
@Injectable()
export class ViolationsService {
  constructor(
    private readonly flags: ViolationFlagRepository,
    private readonly audit: AuditService,
    private readonly tx: TransactionService,
    private readonly clock: Clock,
    private readonly references: ReferenceNumbers,
    private readonly config: AppConfig,
  ) {}

  // ---- Reading ------------------------------------------------------------------------------

  list(params: RawListParams) {
    return this.flags.findPage(parseListQuery(params, VIOLATION_LIST_SPEC));
  }

  async get(id: string): Promise<ViolationFlag> {
    const flag = await this.flags.findById(id);
    if (!flag) throw notFound('Violation flag');
    return flag;
  }

  /**
   * What this user may do with the flag now: the table's actions for their role, an appeal
   * only while none was made, and the appeal decision only while one is pending and never to
   * the officer who decided the flag.
   */
  actionsFor(flag: ViolationFlag, actor: Actor): ViolationAction[] {
    if (!actor.role) return [];
    return violationActionsFor(actor.role, flag.status).filter((action) => {
      if (action === 'appeal') return flag.appealStatus === null;
      if (action === 'uphold_appeal' || action === 'grant_appeal')
        return flag.appealStatus === 'pending' && flag.decidedById !== actor.id;
      return true;
    });
  }

  async present(flags: ViolationFlag[], actor: Actor): Promise<ViolationFlagDto[]> {
    const userIds = flags.flatMap((f) =>
      [f.flaggedById, f.decidedById, f.appealDecidedById].filter((id): id is string => !!id),
    );
    const [users, subjects] = await Promise.all([
      this.flags.userNames(userIds),
      this.flags.subjectRefs(flags.map((f) => f.subjectId)),
    ]);
    const lookups = {
      userName: new Map(users.map((u) => [u.id, u.name])),
      subject: new Map<string, SubjectRef>(
        subjects.map((s) => [s.id, { id: s.id, name: s.name, email: s.email }]),
      ),
    };
    return flags.map((flag) => ViolationFlagDto.from(flag, lookups, this.actionsFor(flag, actor)));
  }

  // ---- Writing ------------------------------------------------------------------------------

  async create(actor: Actor, input: NewViolation): Promise<ViolationFlag> {
    return this.tx.run(async () => {
      const [subject] = await this.flags.subjectRefs([input.subjectId]);
      if (!subject) throw validationError({ subjectId: 'This subject does not exist' });
      const now = this.clock.now();
      const year = Number(dateInZone(now, this.config.clockSettings.timeZone).slice(0, 4));
      const reference = await this.references.next('VF', year);
      const flag = Object.assign(new ViolationFlag(), {
        id: randomUUID(),
        reference,
        subjectId: subject.id,
        category: input.category,
        severity: input.severity,
        termsClause: input.termsClause,
        description: input.description,
        evidenceText: input.evidenceText ?? null,
        evidenceLinks: input.evidenceLinks ?? [],
        source: input.source,
        status: 'open',
        decidedById: null,
        decidedAt: null,
        decisionReason: null,
        enforcementAction: null,
        appealStatus: null,
        appealReason: null,
        appealedAt: null,
        appealDecidedById: null,
        appealDecidedAt: null,
        appealDecisionReason: null,
        flaggedById: actor.id ?? '',
        createdAt: now,
        updatedAt: now,
        version: 1,
      } satisfies ViolationFlag);
      await this.flags.insert(flag);
      await this.audit.record(actor, {
        action: 'violation.flagged',
        entityType: 'violation_flag',
        entityId: flag.id,
        summary: `Flagged ${reference} (${VIOLATION_CATEGORY_LABELS[input.category]}, severity ${VIOLATION_SEVERITY_LABELS[input.severity]}, source ${VIOLATION_SOURCE_LABELS[input.source]})`,
      });
      return flag;
    });
  }

  async update(actor: Actor, id: string, input: ViolationChanges): Promise<ViolationFlag> {
    return this.tx.run(async () => {
      const flag = await this.get(id);
      if (flag.version !== input.version) throw staleVersion('This violation flag');
      if (!EDITABLE.includes(flag.status)) {
        throw conflict(
          `A flag that is ${flag.status} can no longer be edited; its decision stands as recorded`,
        );
      }
      const changed: string[] = [];
      const fields = [
        'category',
        'severity',
        'termsClause',
        'description',
        'evidenceText',
        'evidenceLinks',
        'source',
      ] as const;
      for (const field of fields) {
        const value = input[field];
        if (value === undefined) continue;
        const next = field === 'evidenceText' ? (value ?? null) : value;
        if (JSON.stringify(flag[field]) === JSON.stringify(next)) continue;
        (flag as unknown as Record<string, unknown>)[field] = next;
        changed.push(field);
      }
      if (changed.length === 0) return flag;
      flag.updatedAt = this.clock.now();
      if (!(await this.flags.saveVersioned(flag))) throw staleVersion('This violation flag');
      await this.audit.record(actor, {
        action: 'violation.updated',
        entityType: 'violation_flag',
        entityId: flag.id,
        summary: `Edited ${flag.reference}: ${changed.map(fieldLabelOf).join(', ')}`,
      });
      return flag;
    });
  }

  /**
   * One life-cycle action, in one transaction with its audit entry. Refuses what the table
   * refuses (409 naming the allowed actions), a role without the permission (403), a second
   * appeal (409), the appeal decided by the officer who decided the flag (403), and a missing
   * reason or enforcement action (422).
   */
  async act(
    actor: Actor,
    id: string,
    action: ViolationAction,
    input: ViolationActionInput,
  ): Promise<ViolationFlag> {
    return this.tx.run(async () => {
      const flag = await this.get(id);
      if (flag.version !== input.version) throw staleVersion('This violation flag');
      const transition = findViolationTransition(flag.status, action);
      if (!transition) {
        const allowed = this.actionsFor(flag, actor);
        throw new ApiError(
          HttpStatus.CONFLICT,
          'illegal_transition',
          notPossibleNow(
            VIOLATION_ACTION_LABELS[action],
            'the flag',
            VIOLATION_STATUS_LABELS[flag.status],
            allowed.map((a) => VIOLATION_ACTION_LABELS[a]),
          ),
        );
      }
      if (!actor.role || !hasPermission(actor.role, transition.allowedBy)) {
        throw new ApiError(
          HttpStatus.FORBIDDEN,
          'forbidden',
          `Your role cannot ${action.replace('_', ' ')} violation flags`,
        );
      }
      if (action === 'appeal' && flag.appealStatus !== null) {
        throw conflict(
          `${flag.reference} was appealed already; a flag can be appealed only once`,
          'already_appealed',
        );
      }
      if (action === 'uphold_appeal' || action === 'grant_appeal') {
        if (flag.appealStatus !== 'pending')
          throw conflict(`${flag.reference} has no appeal waiting for a decision`, 'no_appeal');
        if (flag.decidedById === actor.id)
          throw new ApiError(
            HttpStatus.FORBIDDEN,
            'same_decider',
            'You decided this flag; a different compliance officer must decide the appeal.',
          );
      }
      const reason = input.reason?.trim() ?? '';
      const errors: Record<string, string> = {};
      if (transition.requires.includes('reason') && !reason) errors.reason = 'is required';
      if (transition.requires.includes('enforcementAction') && !input.enforcementAction)
        errors.enforcementAction = 'is required to confirm a flag';
      if (action === 'dismiss' && input.enforcementAction && input.enforcementAction !== 'none')
        errors.enforcementAction = 'A dismissed flag takes no enforcement action';
      if (Object.keys(errors).length > 0) throw validationError(errors);

      const now = this.clock.now();
      const from = flag.status;
      flag.status = transition.to;
      flag.updatedAt = now;
      switch (action) {
        case 'confirm':
        case 'dismiss':
          flag.decidedById = actor.id;
          flag.decidedAt = now;
          flag.decisionReason = reason;
          flag.enforcementAction = action === 'confirm' ? input.enforcementAction! : 'none';
          break;
        case 'appeal':
          flag.appealStatus = 'pending';
          flag.appealReason = reason;
          flag.appealedAt = now;
          break;
        case 'uphold_appeal':
        case 'grant_appeal':
          flag.appealStatus = action === 'uphold_appeal' ? 'upheld' : 'overturned';
          flag.appealDecidedById = actor.id;
          flag.appealDecidedAt = now;
          flag.appealDecisionReason = reason;
          break;
        case 'start_review':
          break;
      }
      if (!(await this.flags.saveVersioned(flag))) throw staleVersion('This violation flag');
      const enforcement =
        action === 'confirm' && flag.enforcementAction
          ? `, enforcement: ${ENFORCEMENT_ACTION_LABELS[flag.enforcementAction]}`
          : '';
      await this.audit.record(actor, {
        action: `violation.${action}`,
        entityType: 'violation_flag',
        entityId: flag.id,
        summary: `${flag.reference}: ${VIOLATION_ACTION_LABELS[action]} (${VIOLATION_STATUS_LABELS[from]} → ${VIOLATION_STATUS_LABELS[flag.status]}${enforcement})`,
      });
      return flag;
    });
  }
}
