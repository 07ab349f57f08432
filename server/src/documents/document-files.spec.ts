import { attachmentDisposition, mediaTypeOfName, safeFilename } from './document-files.js';

describe('document file names', () => {
  it('keeps the last path part only, without control or direction-override characters', () => {
    expect(safeFilename('../../etc/passwd.pdf', 'pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\Users\\x\\scan.png', 'png')).toBe('scan.png');
    expect(safeFilename('a\u0000b\u202Ec.pdf', 'pdf')).toBe('abc.pdf');
    expect(safeFilename('...', 'pdf')).toBe('document.pdf');
    expect(safeFilename('x\ud800y.pdf', 'pdf')).toBe('x\uFFFDy.pdf');
    const long = safeFilename(`${'n'.repeat(400)}.pdf`, 'pdf');
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
  });

  it('reads the accepted type from the extension', () => {
    expect(mediaTypeOfName('a.PDF')).toBe('application/pdf');
    expect(mediaTypeOfName('a.jpeg')).toBe('image/jpeg');
    expect(mediaTypeOfName('a.tif')).toBe('image/tiff');
    expect(mediaTypeOfName('a.zip')).toBeUndefined();
    expect(mediaTypeOfName('pdf')).toBeUndefined();
  });

  it('encodes the name for Content-Disposition with an ASCII fallback', () => {
    expect(attachmentDisposition('Résumé "v2"; (1).pdf')).toBe(
      `attachment; filename="R_sum_ _v2__ (1).pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22v2%22%3B%20%281%29.pdf`,
    );
  });
});
