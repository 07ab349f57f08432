import {
  formatMailDate,
  formatMailInstant,
  isMailTemplate,
  MAIL_TEMPLATE_NAMES,
  renderMail,
} from './templates.js';
import type { MailTemplate, MailTemplateData } from './templates.js';

const REFERENCE = 'PR-2026-000123';

const SAMPLES: { [K in MailTemplate]: MailTemplateData[K] } = {
  verification: {
    reference: REFERENCE,
    verifyUrl: 'https://privacy.example.com/privacy/verify?token=abc',
    expiresAt: '2026-11-30T14:05:00.000Z',
  },
  acknowledgement: { reference: REFERENCE, kindLabel: 'Correction', dueDate: '2026-12-29' },
  request_info: { reference: REFERENCE, message: 'Which postal address should we correct?' },
  extension_notice: {
    reference: REFERENCE,
    reason: 'We must gather records from three systems.',
    newDueDate: '2027-02-26',
  },
  completion: { reference: REFERENCE, resolution: 'Your address is now 1 New Street.' },
  rejection: { reference: REFERENCE, reason: 'We could not confirm your identity.' },
  legal_process_notice: {
    reference: REFERENCE,
    legalProcessReference: 'LP-2026-000001',
    typeLabel: 'Court order',
    issuingAuthority: 'District Court of Example',
    receivedOn: '2026-03-02',
  },
  correction_completion: {
    reference: REFERENCE,
    changed: [{ label: 'Email', value: 'jo.new@example.com' }],
    declined: [{ label: 'Job title', reason: 'Our records show the title you held then.' }],
    recipients: ['Acme Fulfilment'],
    resolution: '',
  },
  package_ready: {
    reference: REFERENCE,
    title: 'a copy of your personal information',
    downloadUrl: 'https://privacy.example.com/api/public/packages/abc',
    expiresAt: '2026-12-07T14:05:00.000Z',
    maxDownloads: 5,
  },
};

describe('mail templates', () => {
  it('has exactly the eight templates', () => {
    expect([...MAIL_TEMPLATE_NAMES].sort()).toEqual(
      [
        'acknowledgement',
        'completion',
        'correction_completion',
        'extension_notice',
        'legal_process_notice',
        'package_ready',
        'rejection',
        'request_info',
        'verification',
      ].sort(),
    );
    expect(isMailTemplate('completion')).toBe(true);
    expect(isMailTemplate('toString')).toBe(false);
    expect(isMailTemplate(undefined)).toBe(false);
  });

  it.each(MAIL_TEMPLATE_NAMES)(
    '%s: names the reference, greets, is signed Privacy Desk',
    (template) => {
      const { subject, body } = renderMail(template, SAMPLES[template] as never);
      expect(subject).toContain(REFERENCE);
      expect(subject).not.toMatch(/[\r\n]/);
      expect(subject.length).toBeLessThanOrEqual(300);
      expect(body).toContain(REFERENCE);
      expect(body.startsWith('Hello,\n\n')).toBe(true);
      expect(body.endsWith('Kind regards,\nPrivacy Desk\n')).toBe(true);
      expect(body).not.toMatch(/undefined|null|\[object/);
    },
  );

  it('verification: the link and when it expires', () => {
    const { subject, body } = renderMail('verification', SAMPLES.verification);
    expect(subject).toBe(`Please confirm your privacy request ${REFERENCE}`);
    expect(body).toContain('\n\nhttps://privacy.example.com/privacy/verify?token=abc\n\n');
    expect(body).toContain('until 30 November 2026 at 14:05 UTC');
    expect(body).toContain('If you did not make this request');
  });

  it('acknowledgement: the kind and the due date', () => {
    const { body } = renderMail('acknowledgement', SAMPLES.acknowledgement);
    expect(body).toContain('Type of request: Correction');
    expect(body).toContain('by Tuesday 29 December 2026 at the latest');
  });

  it('request_info, extension_notice, completion, rejection: carry the text staff wrote', () => {
    expect(renderMail('request_info', SAMPLES.request_info).body).toContain(
      'Which postal address should we correct?',
    );
    const extension = renderMail('extension_notice', SAMPLES.extension_notice).body;
    expect(extension).toContain('We must gather records from three systems.');
    expect(extension).toContain('by Friday 26 February 2027');
    expect(renderMail('completion', SAMPLES.completion).body).toContain(
      'Your address is now 1 New Street.',
    );
    expect(renderMail('rejection', SAMPLES.rejection).body).toContain(
      'We could not confirm your identity.',
    );
  });

  it('keeps a subject on one line whatever the data holds', () => {
    const { subject } = renderMail('completion', {
      reference: 'PR-1\r\nBcc: someone@example.com',
      resolution: 'done',
    });
    expect(subject).toBe('Your privacy request PR-1 Bcc: someone@example.com is complete');
  });
});

describe('mail dates', () => {
  it('formats calendar dates with their weekday, free of the host time zone', () => {
    expect(formatMailDate('2026-11-30')).toBe('Monday 30 November 2026');
    expect(formatMailDate('2028-02-29')).toBe('Tuesday 29 February 2028');
    expect(formatMailDate(new Date('2026-01-01T23:30:00Z'))).toBe('Thursday 1 January 2026');
  });

  it('formats instants in UTC', () => {
    expect(formatMailInstant(new Date('2026-11-29T09:05:00Z'))).toBe(
      '29 November 2026 at 09:05 UTC',
    );
    expect(formatMailInstant('2026-11-29T23:59:59.999Z')).toBe('29 November 2026 at 23:59 UTC');
  });

  it('leaves a value it cannot read as it is', () => {
    expect(formatMailDate('soon')).toBe('soon');
    expect(formatMailInstant('later')).toBe('later');
  });
});

describe('template names', () => {
  it('are the ones the console knows from shared/', async () => {
    const { MAIL_TEMPLATES } = await import('@privacy-desk/shared');
    const { MAIL_TEMPLATE_NAMES } = await import('./templates.js');
    expect([...MAIL_TEMPLATE_NAMES].sort()).toEqual([...MAIL_TEMPLATES].sort());
  });
});
