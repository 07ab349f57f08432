import { renderLetterHtml } from '../../letters/letter-html.js';
import { accessLetter } from './access-letter.js';
import type { AccessPackage } from './access-package.js';

const PACKAGE: AccessPackage = {
  reference: 'PR-2026-000042',
  generatedAt: '2026-11-30T10:00:00.000Z',
  fields: [
    { field: 'name', label: 'Name', value: 'Ada <i>Lovelace</i>' },
    { field: 'city', label: 'City', value: 'Marylebone' },
    { field: 'phone', label: 'Phone', value: null },
  ],
  fieldHistory: [
    {
      field: 'city',
      label: 'City',
      oldValue: 'London',
      newValue: 'Marylebone',
      changedAt: '2026-11-29T09:00:00.000Z',
      reason: 'PR-2026-000041',
    },
  ],
  requests: [
    {
      reference: 'PR-2026-000042',
      kind: 'access',
      kindLabel: 'Access (copy of my information)',
      status: 'in_progress',
      statusLabel: 'In progress',
      channel: 'email',
      receivedAt: '2026-11-28T08:00:00.000Z',
      closedAt: null,
      request: { format: 'pdf' },
      resolution: null,
      reason: null,
      timeline: [
        { at: '2026-11-28T08:00:00.000Z', type: 'created', summary: 'Received', message: null },
      ],
    },
  ],
  suppressions: [
    {
      scope: 'marketing_contact',
      channel: 'email',
      value: 'ada@example.com',
      since: '2026-10-01T00:00:00.000Z',
      sourceReference: 'PR-2026-000007',
    },
  ],
  disclosures: {
    periodStart: '2020-11-30',
    periodEnd: '2026-11-30',
    entries: [],
    groups: [
      {
        recipientName: 'Parcel Express',
        recipientType: 'service_provider',
        basis: 'service_delivery',
        purpose: 'Deliver orders',
        dataCategories: ['name'],
        first: '2026-01-05',
        last: '2026-06-01',
        frequency: 3,
      },
    ],
  },
};

describe('the access letter', () => {
  const letter = accessLetter(PACKAGE, 'Ada Lovelace');
  const html = renderLetterHtml(letter);

  it('has one section for each part of the package', () => {
    expect(letter.sections.map((s) => s.heading)).toEqual([
      'The information we hold about you',
      'How this information changed',
      'Your requests to us',
      'Where you asked us not to contact you or share your information',
      'Who we disclosed your information to',
    ]);
  });

  it('shows current values, history, requests, opt-outs and grouped disclosures, escaped', () => {
    expect(html).toContain('Ada &lt;i&gt;Lovelace&lt;/i&gt;');
    expect(html).toContain('<td>Marylebone</td>');
    expect(html).toContain('<th scope="row">Phone</th><td>(none)</td>');
    expect(html).toContain('London -&gt; Marylebone (PR-2026-000041)');
    expect(html).toContain('<th scope="row">Format asked for</th><td>pdf</td>');
    expect(html).toContain('marketing contact (email)');
    expect(html).toContain('ada@example.com, since 2026-10-01 (request PR-2026-000007)');
    expect(html).toContain('3 times, first 2026-01-05, last 2026-06-01');
  });

  it('says so when there is nothing to list', () => {
    const empty = renderLetterHtml(
      accessLetter(
        {
          ...PACKAGE,
          fieldHistory: [],
          requests: [],
          suppressions: [],
          disclosures: { ...PACKAGE.disclosures, groups: [] },
        },
        'Ada',
      ),
    );
    expect(empty).toContain('We have no record of changes to this information.');
    expect(empty).toContain('We have no record of requests from you.');
    expect(empty).toContain('You have no opt-outs on record.');
    expect(empty).toContain(
      'We have no disclosures of your information to report for this period.',
    );
  });
});
