import type { DisclosureReportContent, DisclosureReportRow } from '@privacy-desk/shared';
import { formatMailDate } from '../mail/templates.js';
import { paragraph, table } from '../letters/letter.js';
import type { Letter, LetterSection } from '../letters/letter.js';

const when = (row: DisclosureReportRow): Array<[string, string]> =>
  row.frequency === 1
    ? [['Disclosed on', formatMailDate(row.first)]]
    : [
        ['First disclosed on', formatMailDate(row.first)],
        ['Last disclosed on', formatMailDate(row.last)],
        ['Number of disclosures', String(row.frequency)],
      ];

/**
 * The disclosure report as a letter (HTML and PDF say the same). It holds only what the
 * subject's view holds: no reference numbers of disclosures, no counts of anything left out.
 */
export function disclosureReportLetter(content: DisclosureReportContent): Letter {
  const period = `${formatMailDate(content.periodStart)} to ${formatMailDate(content.periodEnd)}`;
  const disclosures: LetterSection = {
    heading: 'Disclosures of your personal data',
    blocks: content.rows.length
      ? content.rows.map((row) =>
          table(
            [
              ['Recipient', row.recipientName],
              ['Type of recipient', row.recipientTypeLabel],
              ['Purpose', row.purpose],
              ['Basis', row.basisLabel],
              ['Data disclosed', row.dataCategoryLabels.join(', ')],
              ...when(row),
            ],
            row.recipientName,
          ),
        )
      : [paragraph('We have no record of disclosing your personal data in this period.')],
  };
  return {
    title: 'Your accounting of disclosures',
    reference: content.reference,
    date: content.preparedOn,
    greeting: `Dear ${content.subjectName},`,
    intro: [
      `You asked us which recipients we disclosed your personal data to from ${period}. ` +
        'This letter lists those disclosures: who received your data, when, why, and what was sent.',
      ...(content.followUpOf
        ? [
            `This report replaces the report we sent you for the same period under reference ${content.followUpOf}: ` +
              'that report was incomplete. Please rely on this one.',
          ]
        : []),
    ],
    sections: [
      disclosures,
      {
        heading: 'How to read this report',
        blocks: [
          paragraph(
            'Where we disclosed your data to the same recipient for the same purpose more than once, ' +
              'the disclosures are shown together, with the first and last date and how many times.',
          ),
        ],
      },
    ],
    closing: [`Please quote the reference ${content.reference} in any message about this report.`],
  };
}
