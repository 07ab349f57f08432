import { formatMailDate } from '../mail/templates.js';
import { DEFAULT_SIGNATURE } from './letter.js';
import type { Letter, LetterBlock } from './letter.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: every markup character escaped. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Line breaks in a value survive as `<br>`. */
const lines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function block(b: LetterBlock): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${lines(b.text)}</p>`;
    case 'list':
      return b.items.length
        ? `<ul>${b.items.map((item) => `<li>${lines(item)}</li>`).join('')}</ul>`
        : '';
    case 'table':
      return (
        '<table>' +
        (b.caption ? `<caption>${escapeHtml(b.caption)}</caption>` : '') +
        '<tbody>' +
        b.rows
          .map(([k, v]) => `<tr><th scope="row">${lines(k)}</th><td>${lines(v)}</td></tr>`)
          .join('') +
        '</tbody></table>'
      );
  }
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
header p{margin:0}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}th{width:35%;background:#f6f6f6;font-weight:500}`;

/** The letter as a complete, self-contained HTML page; every value is escaped. */
export function renderLetterHtml(letter: Letter): string {
  const body = [
    `<header><p>Reference: ${escapeHtml(letter.reference)}</p><p>Date: ${escapeHtml(formatMailDate(letter.date))}</p></header>`,
    `<h1>${escapeHtml(letter.title)}</h1>`,
    letter.greeting ? `<p>${lines(letter.greeting)}</p>` : '',
    ...(letter.intro ?? []).map((p) => `<p>${lines(p)}</p>`),
    ...letter.sections.map(
      (s) => `<section><h2>${escapeHtml(s.heading)}</h2>${s.blocks.map(block).join('')}</section>`,
    ),
    ...(letter.closing ?? []).map((p) => `<p>${lines(p)}</p>`),
    `<p>Kind regards,<br>${escapeHtml(letter.signature ?? DEFAULT_SIGNATURE)}</p>`,
  ].join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(letter.title)} (${escapeHtml(letter.reference)})</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}
