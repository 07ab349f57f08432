import {
  DATA_CATEGORY_LABELS,
  DISCLOSURE_BASIS_LABELS,
  RECIPIENT_TYPE_LABELS,
} from '@privacy-desk/shared';
import type { Letter, LetterSection } from '../../letters/letter.js';
import { list, paragraph, table } from '../../letters/letter.js';
import type { AccessPackage } from './access-package.js';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const instant = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
const shown = (value: string | null) => (value === null || value === '' ? '(none)' : value);

/** What a request's payload fields mean, in words; others show under their own name. */
const PAYLOAD_WORDS: Record<string, string> = {
  format: 'Format asked for',
  periodStart: 'Period from',
  periodEnd: 'Period to',
  corrections: 'Corrections asked for',
  channels: 'Channels',
  scopes: 'Scopes',
};

/** The request's own words, as key/value rows. */
function requestRows(value: unknown): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => [
    PAYLOAD_WORDS[k] ?? k,
    typeof v === 'string'
      ? v
      : Array.isArray(v) && v.every((x) => typeof x === 'string')
        ? v.join(', ')
        : JSON.stringify(v),
  ]);
}

/** The access package as a readable letter (rendered to HTML and PDF). */
export function accessLetter(pkg: AccessPackage, name: string): Letter {
  const sections: LetterSection[] = [
    {
      heading: 'The information we hold about you',
      blocks: [table(pkg.fields.map((f) => [f.label, shown(f.value)]))],
    },
    {
      heading: 'How this information changed',
      blocks: pkg.fieldHistory.length
        ? [
            table(
              pkg.fieldHistory.map((c) => [
                `${day(c.changedAt)}: ${c.label}`,
                `${shown(c.oldValue)} -> ${shown(c.newValue)} (${c.reason})`,
              ]),
            ),
          ]
        : [paragraph('We have no record of changes to this information.')],
    },
    {
      heading: 'Your requests to us',
      blocks: pkg.requests.length
        ? pkg.requests.flatMap((r) => [
            table(
              [
                ['Type', r.kindLabel],
                ['Received', day(r.receivedAt)],
                ['Status', r.statusLabel],
                ...(r.closedAt ? ([['Closed', day(r.closedAt)]] as Array<[string, string]>) : []),
                ...requestRows(r.request),
                ...(r.resolution
                  ? ([['Our answer', r.resolution]] as Array<[string, string]>)
                  : []),
                ...(r.reason ? ([['Why we refused', r.reason]] as Array<[string, string]>) : []),
              ],
              `Request ${r.reference}`,
            ),
            list(
              r.timeline.map(
                (t) => `${instant(t.at)}: ${t.summary}${t.message ? ` (${t.message})` : ''}`,
              ),
            ),
          ])
        : [paragraph('We have no record of requests from you.')],
    },
    {
      heading: 'Where you asked us not to contact you or share your information',
      blocks: pkg.suppressions.length
        ? [
            table(
              pkg.suppressions.map((s) => [
                `${s.scope.replace(/_/g, ' ')} (${s.channel})`,
                `${s.value}, since ${day(s.since)}${s.sourceReference ? ` (request ${s.sourceReference})` : ''}`,
              ]),
            ),
          ]
        : [paragraph('You have no opt-outs on record.')],
    },
    {
      heading: 'Who we disclosed your information to',
      blocks: [
        ...(pkg.disclosures.explanation ? [paragraph(pkg.disclosures.explanation)] : []),
        ...(pkg.disclosures.groups.length || pkg.disclosures.entries.length
          ? [
              ...pkg.disclosures.groups.map((g) =>
                table(
                  [
                    ['Recipient', `${g.recipientName} (${RECIPIENT_TYPE_LABELS[g.recipientType]})`],
                    ['Why', `${DISCLOSURE_BASIS_LABELS[g.basis]}: ${g.purpose}`],
                    ['What', g.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(', ')],
                    [
                      'When',
                      g.frequency > 1
                        ? `${g.frequency} times, first ${g.first}, last ${g.last}`
                        : g.first,
                    ],
                  ],
                  g.recipientName,
                ),
              ),
              // In the subject's view, entries are the single disclosures; repeats are in groups.
              ...pkg.disclosures.entries.map((e) =>
                table(
                  [
                    ['Recipient', `${e.recipientName} (${RECIPIENT_TYPE_LABELS[e.recipientType]})`],
                    ['Why', `${DISCLOSURE_BASIS_LABELS[e.basis]}: ${e.purpose}`],
                    ['What', e.dataCategories.map((c) => DATA_CATEGORY_LABELS[c]).join(', ')],
                    ['When', e.disclosedAt],
                  ],
                  e.recipientName,
                ),
              ),
            ]
          : [paragraph('We have no disclosures of your information to report for this period.')]),
      ],
    },
  ];
  return {
    title: 'A copy of your personal information',
    reference: pkg.reference,
    date: pkg.generatedAt.slice(0, 10),
    greeting: `Dear ${name},`,
    intro: [
      `You asked us for a copy of the information we hold about you (request ${pkg.reference}). ` +
        'This letter lists it all: your details and how they changed, your requests to us and our ' +
        'answers, your opt-outs, and who we disclosed your information to. The same content is ' +
        'available as a data file (JSON).',
    ],
    sections,
    closing: [
      `If anything here is wrong, you can ask us to correct it. Please quote the reference ${pkg.reference}.`,
    ],
  };
}
