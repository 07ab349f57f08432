import type { RequestRecord } from '../dataProvider';
import { DueBadge } from '../requests/DueBadge';
import type { LegalProcessRecord } from './presentation';

/** The requests' due badge, fed from the legal-process due state (same clock engine). */
export const LegalDueBadge = ({ record }: { record: LegalProcessRecord }) => (
  <DueBadge
    record={
      {
        id: record.id,
        dueDate: record.due.dueDate,
        deadline: record.due.deadline,
        clockExplanation: record.due.explanation,
      } as unknown as RequestRecord
    }
  />
);
