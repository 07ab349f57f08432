import PDFDocument from 'pdfkit';
import type { ReportTable } from './report-tables.js';

/** The standard PDF fonts speak WinAnsi: characters outside it would print as garbage. */
function printable(text: string): string {
  return String(text)
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\n\r\t\x20-\x7e\u00a0-\u00ff]/g, '?');
}

/**
 * A report as a PDF (A4, standard fonts): one block per row (its figures as label and value),
 * then the rules behind the figures. `createdAt` comes from the injected clock.
 */
export function renderReportPdf(table: ReportTable, createdAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: printable(table.title),
      Subject: printable(table.parameters),
      Author: 'Privacy Desk',
      CreationDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(15).text(printable(table.title)).moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(9.5)
    .fillColor('#555555')
    .text(printable(`Parameters: ${table.parameters}. Generated ${createdAt.toISOString()}.`))
    .fillColor('#000000')
    .moveDown(0.8);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const valueX = left + Math.round(width * 0.6);
  for (const row of table.rows) {
    if (doc.y + 40 > doc.page.height - doc.page.margins.bottom) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(11.5)
      .text(printable(String(row[0] ?? '')), left);
    doc.moveDown(0.2);
    for (let i = 1; i < row.length; i++) {
      if (doc.y + 14 > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      doc
        .font('Helvetica')
        .fontSize(9.5)
        .text(printable(table.header[i] ?? ''), left, y, {
          width: valueX - left - 6,
        });
      const after = doc.y;
      doc.text(row[i] === null ? 'not reported' : printable(String(row[i])), valueX, y, {
        width: left + width - valueX,
      });
      doc.x = left;
      doc.y = Math.max(after, doc.y);
    }
    doc.moveDown(0.8);
  }
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(12.5).text('How each figure is counted').moveDown(0.4);
  for (const rule of table.rules) {
    doc.font('Helvetica-Bold').fontSize(10).text(printable(rule.figure));
    doc.font('Helvetica').fontSize(9.5).text(printable(rule.rule)).moveDown(0.5);
  }
  doc.end();
  return done;
}
