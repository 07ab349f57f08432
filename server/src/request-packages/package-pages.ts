import { page } from '../requests/public-form.js';
import { escapeHtml } from '../letters/letter-html.js';
import { PACKAGE_TITLES } from './request-packages.service.js';
import type { PackagePurpose } from './request-package.entity.js';

/** The pages a package link shows: plain HTML without JavaScript, like the public form. */

const FORMAT_LINKS: Array<{ format: string; label: string }> = [
  { format: 'pdf', label: 'PDF document (to read or print)' },
  { format: 'html', label: 'Web page (HTML)' },
  { format: 'json', label: 'Data file (JSON, for other programs)' },
];

export function landingPage(
  token: string,
  input: { reference: string; purpose: PackagePurpose; expiresAt: Date; remaining: number },
): string {
  const title = PACKAGE_TITLES[input.purpose];
  const base = `/api/public/packages/${encodeURIComponent(token)}`;
  return page(
    'Your download',
    `<h1>Your privacy request ${escapeHtml(input.reference)}</h1>
<p>Here is ${escapeHtml(title)}. Choose a format to download:</p>
<ul>${FORMAT_LINKS.map((f) => `<li><a href="${base}?format=${f.format}">${escapeHtml(f.label)}</a></li>`).join('')}</ul>
<p class="notice" role="status">This link works until ${escapeHtml(input.expiresAt.toISOString().slice(0, 16).replace('T', ' '))} UTC, for ${input.remaining} more download${input.remaining === 1 ? '' : 's'}. Keep it private: anyone with the link can open the package.</p>`,
  );
}

export function linkProblemPage(outcome: 'expired' | 'used_up' | 'unknown'): string {
  const text =
    outcome === 'expired'
      ? 'This download link has expired. Reply to the email you received, quoting your reference, and we will send you a new one.'
      : outcome === 'used_up'
        ? 'This download link has been used as many times as it allows. Reply to the email you received, quoting your reference, and we will send you a new one.'
        : 'This download link is not valid. Please check that you copied the whole link from the email.';
  const heading = outcome === 'unknown' ? 'Link not valid' : 'Link no longer works';
  return page(
    heading,
    `<h1>${heading}</h1><p class="problem" role="alert">${escapeHtml(text)}</p>`,
  );
}
