import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DISCLOSURE_BASES,
  DISCLOSURE_BASIS_LABELS,
  RECIPIENT_TYPES,
  RECIPIENT_TYPE_LABELS,
  REVIEW_STATUSES,
  REVIEW_STATUS_LABELS,
  type DataCategory,
  type DisclosureBasis,
  type DisclosureDto,
  type RecipientType,
  type ReviewStatus,
} from '@privacy-desk/shared';
import type { RaRecord } from 'react-admin';

export type DisclosureRecord = DisclosureDto & RaRecord;

export const basisChoices = DISCLOSURE_BASES.map((id) => ({
  id,
  name: DISCLOSURE_BASIS_LABELS[id],
}));
export const recipientTypeChoices = RECIPIENT_TYPES.map((id) => ({
  id,
  name: RECIPIENT_TYPE_LABELS[id],
}));
export const reviewStatusChoices = REVIEW_STATUSES.map((id) => ({
  id,
  name: REVIEW_STATUS_LABELS[id],
}));
export const dataCategoryChoices = DATA_CATEGORIES.map((id) => ({
  id,
  name: DATA_CATEGORY_LABELS[id],
}));

export const basisLabel = (basis: DisclosureBasis) => DISCLOSURE_BASIS_LABELS[basis] ?? basis;
export const recipientTypeLabel = (type: RecipientType) => RECIPIENT_TYPE_LABELS[type] ?? type;
export const reviewStatusLabel = (status: ReviewStatus) => REVIEW_STATUS_LABELS[status] ?? status;
export const categoriesLabel = (categories: DataCategory[]) =>
  categories.map((c) => DATA_CATEGORY_LABELS[c] ?? c).join(', ');

/** The day part of an instant or a date, as YYYY-MM-DD. */
export const dayOf = (value: string) => value.slice(0, 10);
