import { escapeHtml, renderLetterHtml } from './letter-html.js';
import { renderLetterPdf } from './letter-pdf.js';
import { list, paragraph, table } from './letter.js';
import type { Letter } from './letter.js';
import { pdfText } from './pdf-text.js';

const LETTER: Letter = {
  title: 'Your personal information',
  reference: 'PR-2026-000042',
  date: '2026-11-30',
  greeting: 'Dear <b>Ada</b> & "friends",',
  intro: ['This is the information we hold about you.'],
  sections: [
    {
      heading: 'Your details',
      blocks: [
        table(
          [
            ['Name', 'Ada <script>alert(1)</script> Lovelace'],
            ['Email', "ada@example.com' onmouseover='x"],
          ],
          'Current values',
        ),
        list(['First item', 'Second & last item']),
        paragraph('Line one\nLine two'),
      ],
    },
  ],
  closing: ['Write to us if anything is wrong.'],
};

describe('renderLetterHtml', () => {
  const html = renderLetterHtml(LETTER);

  it('escapes every value, so no data can become markup', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Ada</b>');
    expect(html).toContain('Ada &lt;script&gt;alert(1)&lt;/script&gt; Lovelace');
    expect(html).toContain('Dear &lt;b&gt;Ada&lt;/b&gt; &amp; &quot;friends&quot;,');
    expect(html).toContain('ada@example.com&#39; onmouseover=&#39;x');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('holds the title, reference, date, headings, tables, lists and line breaks', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Your personal information</h1>');
    expect(html).toContain('Reference: PR-2026-000042');
    expect(html).toContain('Date: Monday 30 November 2026');
    expect(html).toContain('<h2>Your details</h2>');
    expect(html).toContain('<caption>Current values</caption>');
    expect(html).toContain('<th scope="row">Name</th>');
    expect(html).toContain('<li>Second &amp; last item</li>');
    expect(html).toContain('Line one<br>Line two');
    expect(html).toContain('Kind regards,<br>Privacy Desk');
  });
});

describe('renderLetterPdf', () => {
  it('makes a PDF that holds the letter’s text', async () => {
    const pdf = await renderLetterPdf(LETTER, {
      compress: false,
      createdAt: new Date('2026-11-30T12:00:00Z'),
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    const text = pdfText(pdf);
    expect(text).toContain('Reference: PR-2026-000042');
    expect(text).toContain('Your personal information');
    expect(text).toContain('Ada <script>alert(1)</script> Lovelace');
    expect(text).toContain('Second & last item');
    expect(text).toContain('Monday 30 November 2026');
  });

  it('compresses by default, and prints characters outside the standard fonts safely', async () => {
    const pdf = await renderLetterPdf({
      ...LETTER,
      title: 'Arrows → and “quotes” and 漢字',
      sections: [],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/FlateDecode');
    const plain = pdfText(
      await renderLetterPdf(
        { ...LETTER, title: 'Arrows → “q” 漢', sections: [] },
        { compress: false },
      ),
    );
    expect(plain).toContain('Arrows -> "q" ?');
  });
});
