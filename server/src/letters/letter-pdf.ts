import PDFDocument from 'pdfkit';
import { formatMailDate } from '../mail/templates.js';
import { DEFAULT_SIGNATURE } from './letter.js';
import type { Letter, LetterBlock } from './letter.js';

export interface PdfOptions {
  /** Uncompressed content streams (tests read the text); default compressed. */
  compress?: boolean;
  /** The document's creation date (from the injected clock; pdfkit would read the wall clock). */
  createdAt?: Date;
}

/** The standard PDF fonts speak WinAnsi: characters outside it would print as garbage. */
function printable(text: string): string {
  return String(text)
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2192/g, '->')
    .replace(/\u2026/g, '...')
    .replace(/[^\n\r\t\x20-\x7e\u00a0-\u00ff]/g, '?');
}

function block(doc: PDFKit.PDFDocument, b: LetterBlock): void {
  switch (b.type) {
    case 'paragraph':
      doc.font('Helvetica').fontSize(10.5).text(printable(b.text)).moveDown(0.6);
      return;
    case 'list':
      if (!b.items.length) return;
      doc.font('Helvetica').fontSize(10.5).list(b.items.map(printable), { bulletRadius: 1.5 });
      doc.moveDown(0.6);
      return;
    case 'table': {
      if (b.caption) doc.font('Helvetica-Bold').fontSize(10.5).text(printable(b.caption));
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;
      const keyWidth = Math.round(width * 0.35);
      for (const [key, value] of b.rows) {
        const k = printable(key);
        const v = printable(value) || '-';
        doc.fontSize(9.5);
        const height = Math.max(
          doc.font('Helvetica-Bold').heightOfString(k, { width: keyWidth - 6 }),
          doc.font('Helvetica').heightOfString(v, { width: width - keyWidth - 6 }),
        );
        if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
        const y = doc.y;
        doc.font('Helvetica-Bold').text(k, left, y, { width: keyWidth - 6 });
        doc.font('Helvetica').text(v, left + keyWidth, y, { width: width - keyWidth - 6 });
        doc.x = left;
        doc.y = y + height + 3;
      }
      doc.moveDown(0.6);
      return;
    }
  }
}

/** The letter as a PDF (A4, standard fonts), made with pdfkit. */
export function renderLetterPdf(letter: Letter, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: options.compress ?? true,
    info: {
      Title: printable(`${letter.title} (${letter.reference})`),
      Author: DEFAULT_SIGNATURE,
      ...(options.createdAt ? { CreationDate: options.createdAt } : {}),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .text(`Reference: ${printable(letter.reference)}`);
  doc.text(`Date: ${printable(formatMailDate(letter.date))}`).moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(16).text(printable(letter.title)).moveDown(0.8);
  if (letter.greeting) block(doc, { type: 'paragraph', text: letter.greeting });
  for (const p of letter.intro ?? []) block(doc, { type: 'paragraph', text: p });
  for (const section of letter.sections) {
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(12.5).text(printable(section.heading));
    doc.moveDown(0.4);
    for (const b of section.blocks) block(doc, b);
  }
  for (const p of letter.closing ?? []) block(doc, { type: 'paragraph', text: p });
  block(doc, {
    type: 'paragraph',
    text: `Kind regards,\n${letter.signature ?? DEFAULT_SIGNATURE}`,
  });
  doc.end();
  return done;
}
