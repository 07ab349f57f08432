import {
  SUPPRESSION_CHANNEL_LABELS,
  SUPPRESSION_CHANNELS,
  SUPPRESSION_SCOPE_LABELS,
  SUPPRESSION_SCOPES,
} from '@privacy-desk/shared';

const labelOf = <K extends string>(labels: Record<K, string>, value: string | null | undefined) =>
  value && Object.hasOwn(labels, value) ? labels[value as K] : (value ?? '');

const choicesOf = <K extends string>(values: readonly K[], labels: Record<K, string>) =>
  values.map((id) => ({ id, name: labels[id] }));

export const channelLabel = (value: string | null | undefined) =>
  labelOf(SUPPRESSION_CHANNEL_LABELS, value);
export const scopeLabel = (value: string | null | undefined) =>
  labelOf(SUPPRESSION_SCOPE_LABELS, value);

export const channelChoices = choicesOf(SUPPRESSION_CHANNELS, SUPPRESSION_CHANNEL_LABELS);
export const scopeChoices = choicesOf(SUPPRESSION_SCOPES, SUPPRESSION_SCOPE_LABELS);
export const activeChoices = [
  { id: 'true', name: 'Active' },
  { id: 'false', name: 'Revoked' },
];
