import { Injectable } from '@nestjs/common';
import { SuppressionsService } from '../../suppressions/suppressions.service.js';
import { SubjectSuppressions } from './subject-suppressions.js';
import type { SubjectSuppressionEntry } from './subject-suppressions.js';

/** The access package's suppressions, read from the suppression list. */
@Injectable()
export class SuppressionListEntries extends SubjectSuppressions {
  constructor(private readonly suppressions: SuppressionsService) {
    super();
  }

  async forSubject(subjectId: string): Promise<SubjectSuppressionEntry[]> {
    return (await this.suppressions.activeForSubject(subjectId)).map((entry) => ({
      scope: entry.scope,
      channel: entry.channel,
      value: entry.value,
      since: entry.effectiveAt.toISOString(),
      sourceReference: entry.sourceReference,
    }));
  }
}
