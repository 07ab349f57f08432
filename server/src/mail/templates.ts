/**
 * The emails Privacy Desk sends to requesters, as code: each template turns its data into a
 * plain-text subject and body. Every message names the request's reference and is signed
 * "Privacy Desk". Dates are `YYYY-MM-DD` calendar dates (the legal clocks' dates) or instants.
 */

/** A calendar date `YYYY-MM-DD`, or an instant. */
export type MailDate = string | Date;

export interface MailTemplateData {
  /** Asks the requester to confirm, through a link, that the request is theirs. */
  verification: { reference: string; verifyUrl: string; expiresAt: MailDate };
  /** Confirms receipt and states the date by which we answer. */
  acknowledgement: { reference: string; kindLabel: string; dueDate: MailDate };
  /** Asks the requester for more information. */
  request_info: { reference: string; message: string };
  /** Tells the requester that the deadline was extended, and why. */
  extension_notice: { reference: string; reason: string; newDueDate: MailDate };
  /** Tells the requester what was done. */
  completion: { reference: string; resolution: string };
  /** Tells the requester that the request is refused, and why. */
  rejection: { reference: string; reason: string };
  /** Tells a subject of legal process that named them, once its non-disclosure order lapsed. */
  legal_process_notice: {
    reference: string;
    legalProcessReference: string;
    typeLabel: string;
    issuingAuthority: string;
    receivedOn: MailDate;
  };
  /**
   * A correction's outcome: what changed (field labels and new values), what was declined and
   * why, and the recipients told of it (GDPR Art. 19 lets the person ask who they are).
   */
  correction_completion: {
    reference: string;
    changed: { label: string; value: string }[];
    declined: { label: string; reason: string }[];
    recipients: string[];
    resolution: string;
  };
  /** Gives the requester the link to download their package (access, disclosure report). */
  package_ready: {
    reference: string;
    /** What the package is, e.g. "a copy of your personal information". */
    title: string;
    downloadUrl: string;
    expiresAt: MailDate;
    maxDownloads: number;
  };
}

export type MailTemplate = keyof MailTemplateData;

export interface RenderedMail {
  subject: string;
  body: string;
}

type TemplateMap = { [K in MailTemplate]: (data: MailTemplateData[K]) => RenderedMail };

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `Monday 30 November 2026` for a `YYYY-MM-DD` date (or the UTC day of an instant). */
export function formatMailDate(value: MailDate): string {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T00:00:00Z`)
      : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** `30 November 2026 at 14:05 UTC` for an instant. */
export function formatMailInstant(value: MailDate): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} at ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())} UTC`;
}

const SIGNATURE = 'Kind regards,\nPrivacy Desk';

/** Subjects are one line, whatever the data holds. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

const letter = (subject: string, paragraphs: string[]): RenderedMail => ({
  subject: oneLine(subject),
  body: ['Hello,', ...paragraphs, SIGNATURE].join('\n\n') + '\n',
});

export const MAIL_TEMPLATES: TemplateMap = {
  verification: ({ reference, verifyUrl, expiresAt }) =>
    letter(`Please confirm your privacy request ${reference}`, [
      `We received a privacy request, reference ${reference}, made with this email address. ` +
        'Before we act on it, please confirm that it was you by opening this link:',
      verifyUrl,
      `The link works until ${formatMailInstant(expiresAt)}. ` +
        'If you did not make this request, you can ignore this email and nothing will happen.',
    ]),

  acknowledgement: ({ reference, kindLabel, dueDate }) =>
    letter(`We have received your privacy request ${reference}`, [
      `Thank you for your request. We have recorded it under reference ${reference}.`,
      `Type of request: ${kindLabel}`,
      `We will answer by ${formatMailDate(dueDate)} at the latest. ` +
        `Please quote the reference ${reference} in any message about this request.`,
    ]),

  request_info: ({ reference, message }) =>
    letter(`We need more information about your privacy request ${reference}`, [
      `To continue with your request ${reference}, we need some more information from you:`,
      message.trim(),
      `Please reply to this email and quote the reference ${reference}.`,
    ]),

  extension_notice: ({ reference, reason, newDueDate }) =>
    letter(`We need more time for your privacy request ${reference}`, [
      `We are sorry, but we need more time to complete your request ${reference}, ` +
        'as the law allows in some cases. The reason:',
      reason.trim(),
      `We will now answer by ${formatMailDate(newDueDate)} at the latest.`,
    ]),

  completion: ({ reference, resolution }) =>
    letter(`Your privacy request ${reference} is complete`, [
      `We have completed your request ${reference}.`,
      resolution.trim(),
      `If you have any questions, please reply to this email and quote the reference ${reference}.`,
    ]),

  rejection: ({ reference, reason }) =>
    letter(`Your privacy request ${reference} could not be carried out`, [
      `We have reviewed your request ${reference} and are unable to carry it out, for this reason:`,
      reason.trim(),
      `If you think this is wrong, please reply to this email and quote the reference ${reference}. ` +
        'You may also have the right to complain to a data protection authority.',
    ]),

  legal_process_notice: ({
    reference,
    legalProcessReference,
    typeLabel,
    issuingAuthority,
    receivedOn,
  }) =>
    letter(`Notice of legal process concerning your information (${reference})`, [
      `On ${formatMailDate(receivedOn)} we received legal process naming you: ` +
        `${typeLabel.toLowerCase()} from ${issuingAuthority.trim()} (our reference ${legalProcessReference}).`,
      'A non-disclosure order prevented us from telling you until now. That order has lapsed.',
      `If you have any questions, please reply to this email and quote the reference ${reference}.`,
    ]),

  correction_completion: ({ reference, changed, declined, recipients, resolution }) =>
    letter(`Your correction request ${reference} is complete`, [
      `We have completed your request ${reference} to correct your information.`,
      changed.length
        ? 'We corrected these details:\n' +
          changed.map((c) => `- ${c.label}: now "${oneLine(c.value)}"`).join('\n')
        : 'We did not change any of your details.',
      ...(declined.length
        ? [
            'We did not make these changes, for these reasons:\n' +
              declined.map((d) => `- ${d.label}: ${oneLine(d.reason)}`).join('\n'),
          ]
        : []),
      ...(recipients.length
        ? [
            'We told the correction to those we had shared these details with:\n' +
              recipients.map((r) => `- ${oneLine(r)}`).join('\n'),
          ]
        : []),
      ...(resolution.trim() ? [resolution.trim()] : []),
      `If you have any questions, please reply to this email and quote the reference ${reference}.`,
    ]),
  package_ready: ({ reference, title, downloadUrl, expiresAt, maxDownloads }) =>
    letter(`Your privacy request ${reference}: ${title} is ready`, [
      `We have completed your request ${reference}. ${title.charAt(0).toUpperCase()}${title.slice(1)} is ready for you to download, as a PDF, a web page (HTML) or a data file (JSON), from this link:`,
      downloadUrl,
      `The link works until ${formatMailInstant(expiresAt)}, for at most ${maxDownloads} downloads. ` +
        'Keep this email private: anyone with the link can open the package.',
      `If you have any questions, please reply to this email and quote the reference ${reference}.`,
    ]),
};

export const MAIL_TEMPLATE_NAMES = Object.keys(MAIL_TEMPLATES) as MailTemplate[];

export function isMailTemplate(value: unknown): value is MailTemplate {
  return typeof value === 'string' && Object.hasOwn(MAIL_TEMPLATES, value);
}

export function renderMail<K extends MailTemplate>(
  template: K,
  data: MailTemplateData[K],
): RenderedMail {
  return (MAIL_TEMPLATES[template] as (data: MailTemplateData[K]) => RenderedMail)(data);
}
