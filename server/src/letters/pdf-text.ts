/**
 * The text a PDF made by `renderLetterPdf(letter, { compress: false })` shows, in order,
 * decoded from its hex-string text operators (pdfkit writes `[<48656c6c6f> 0] TJ`). Words
 * pdfkit kerned apart are joined; lines are separated by newlines. For tests and checks, not
 * a general PDF reader.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of source.matchAll(/\[((?:<[0-9a-fA-F]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)) {
    const hexes = [...match[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!);
    lines.push(hexes.map((hex) => Buffer.from(hex, 'hex').toString('latin1')).join(''));
  }
  return lines.join('\n');
}
