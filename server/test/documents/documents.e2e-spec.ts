import { createHash, randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DOCUMENT_MAX_BYTES } from '@privacy-desk/shared';
import type { DocumentAttachmentDto } from '@privacy-desk/shared';
import type { Response } from 'supertest';
import { AuditEntry } from '../../src/audit/audit-entry.entity.js';
import { ManualClock } from '../../src/common/clock/clock.js';
import { Disclosure } from '../../src/disclosures/disclosure.entity.js';
import { DocumentAttachment } from '../../src/documents/document-attachment.entity.js';
import { StoredDocument } from '../../src/documents/document.entity.js';
import { DEMO_EMAILS, LONG_SESSIONS, signIn, startTestApp } from '../support/test-app.js';
import type { SignedIn, TestApp } from '../support/test-app.js';
import { createSubject, flagSubject } from '../violations/support.js';

/** A small but well-formed PDF. */
function pdfBytes(text = 'Order of the court'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% ${text}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A ZIP archive holding one stored text file. */
function zipBytes(): Buffer {
  const name = Buffer.from('notes.txt');
  const data = Buffer.from('not a document');
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, data, central, name, end]);
}

const HTML = Buffer.from(
  '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>',
);

describe('documents: stored by SHA-256, typed from their content, refused without a trace', () => {
  const clock = new ManualClock(new Date('2026-03-10T10:00:00Z'));
  let testApp: TestApp;
  let staff: SignedIn;
  let officer: SignedIn;

  beforeAll(async () => {
    testApp = await startTestApp({ JOBS_ENABLED: 'false', ...LONG_SESSIONS }, { clock });
    staff = await signIn(testApp, DEMO_EMAILS.staff);
    officer = await signIn(testApp, DEMO_EMAILS.compliance_officer);
  });
  afterAll(() => testApp.close());

  const counts = async () => ({
    documents: await testApp.dataSource.getRepository(StoredDocument).count(),
    attachments: await testApp.dataSource.getRepository(DocumentAttachment).count(),
    audit: await testApp.dataSource.getRepository(AuditEntry).count(),
  });

  function upload(
    who: SignedIn,
    path: string,
    content: Buffer,
    filename: string,
    contentType: string,
    role = 'evidence',
  ) {
    return who.agent
      .post(path)
      .set(who.csrf)
      .field('role', role)
      .attach('file', content, { filename, contentType });
  }

  async function newFlagPath(): Promise<{ id: string; path: string }> {
    const flag = await flagSubject(staff, await createSubject(staff));
    return { id: flag.id, path: `/api/violations/${flag.id}/documents` };
  }

  /** A disclosure row in the given review state (the disclosures API is another feature's). */
  async function disclosureIn(reviewStatus: 'pending_review' | 'approved'): Promise<string> {
    const id = randomUUID();
    const now = clock.now();
    await testApp.dataSource.getRepository(Disclosure).insert({
      id,
      reference: `DL-2026-${String(Math.floor(Math.random() * 999_999)).padStart(6, '0')}`,
      aggregated: true,
      recipientName: 'Statistics Office',
      recipientType: 'government',
      basis: 'consent',
      purpose: 'Yearly statistics',
      dataCategories: ['request_data'],
      disclosedAt: now,
      reviewStatus,
      recordedById: staff.session.user.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    return id;
  }

  const expectRefused = (res: Response, status: number, field = 'file') => {
    expect({
      status: res.status,
      field: typeof res.body.errors?.[field],
      code: res.body.code,
    }).toEqual({
      status,
      field: 'string',
      code: status === 413 ? 'payload_too_large' : 'validation_failed',
    });
  };

  it('stores a PDF once per content, lists it and serves the same bytes as an attachment', async () => {
    const { id, path } = await newFlagPath();
    const pdf = pdfBytes(`evidence ${id}`);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const before = await counts();

    const first = await upload(staff, path, pdf, 'chargebacks.pdf', 'application/pdf');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ownerType: 'violation',
      ownerId: id,
      sha256,
      filename: 'chargebacks.pdf',
      role: 'evidence',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      attachedBy: { id: staff.session.user.id, name: 'Sam Staff' },
      attachedAt: '2026-03-10T10:00:00.000Z',
      downloadUrl: `/api/documents/${sha256}/content`,
    } satisfies Partial<DocumentAttachmentDto>);
    expect(await counts()).toEqual({
      documents: before.documents + 1,
      attachments: before.attachments + 1,
      audit: before.audit + 1,
    });
    const stored = await testApp.dataSource
      .getRepository(StoredDocument)
      .findOneByOrFail({ sha256 });
    expect(Buffer.compare(Buffer.from(stored.content), pdf)).toBe(0);
    expect(stored.mediaType).toBe('application/pdf');

    // The same bytes under another name: one more attachment, no second copy.
    clock.advance(60_000);
    const again = await upload(
      staff,
      path,
      pdf,
      '../../etc/Évidence "final";\u202Eevil.pdf',
      'application/octet-stream',
      'other',
    );
    expect(again.status).toBe(201);
    expect(again.body.filename).toBe('Évidence "final";evil.pdf');
    expect(await counts()).toEqual({
      documents: before.documents + 1,
      attachments: before.attachments + 2,
      audit: before.audit + 2,
    });
    const audit = await testApp.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'document.attached', entityId: id } });
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.summary).join(' ')).not.toMatch(/chargebacks|Évidence|final/);

    const list = await officer.agent
      .get('/api/documents')
      .query({ filter: JSON.stringify({ ownerType: 'violation', ownerId: id }) });
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('documents 0-1/2');
    expect(list.body.map((d: DocumentAttachmentDto) => d.role).sort()).toEqual([
      'evidence',
      'other',
    ]);
    const unkeyed = await officer.agent.get('/api/documents');
    expect([unkeyed.status, unkeyed.body]).toEqual([200, []]);

    const download = await officer.agent
      .get(`/api/documents/${sha256}/content`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="_vidence _final__evil.pdf"; filename*=UTF-8''%C3%89vidence%20%22final%22%3Bevil.pdf`,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cache-control']).toBe('no-store');

    expect((await officer.agent.get(`/api/documents/${'0'.repeat(64)}/content`)).status).toBe(404);
    expect((await officer.agent.get('/api/documents/not-a-hash/content')).status).toBe(404);
    expect((await officer.agent.get(`/api/documents/${sha256.toUpperCase()}/content`)).status).toBe(
      404,
    );
  });

  it('accepts a PNG as what it is', async () => {
    const { path } = await newFlagPath();
    const res = await upload(staff, path, PNG, 'screenshot.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ mediaType: 'image/png', sizeBytes: PNG.length });
  });

  it('refuses content that is not its claimed type, and leaves no row behind', async () => {
    const { id, path } = await newFlagPath();
    const before = await counts();
    const cases: [string, Buffer, string, string, RegExp][] = [
      ['HTML named .pdf', HTML, 'order.pdf', 'application/pdf', /not a PDF/],
      ['a ZIP named .pdf', zipBytes(), 'order.pdf', 'application/pdf', /not a PDF/],
      ['a ZIP as a ZIP', zipBytes(), 'archive.zip', 'application/zip', /not a type we accept/],
      ['a PNG named .pdf', PNG, 'order.pdf', 'application/pdf', /content is a PNG image/],
      [
        'a PDF sent as image/png',
        pdfBytes(),
        'order.pdf',
        'image/png',
        /not the type it was sent as/,
      ],
      [
        'a PDF without an extension',
        pdfBytes(),
        'order',
        'application/pdf',
        /name does not end in \.pdf/,
      ],
      ['an empty file', Buffer.alloc(0), 'empty.pdf', 'application/pdf', /empty/],
    ];
    for (const [what, content, filename, type, message] of cases) {
      const res = await upload(staff, path, content, filename, type);
      expect({ what, status: res.status, file: res.body.errors?.file }).toEqual({
        what,
        status: 422,
        file: expect.stringMatching(message),
      });
    }
    const noFile = await staff.agent.post(path).set(staff.csrf).field('role', 'evidence');
    expectRefused(noFile, 422);
    const twoFiles = await staff.agent
      .post(path)
      .set(staff.csrf)
      .field('role', 'evidence')
      .attach('file', pdfBytes(), { filename: 'a.pdf', contentType: 'application/pdf' })
      .attach('file', pdfBytes('b'), { filename: 'b.pdf', contentType: 'application/pdf' });
    expectRefused(twoFiles, 422);
    const badRole = await upload(staff, path, pdfBytes(), 'a.pdf', 'application/pdf', 'gossip');
    expectRefused(badRole, 422, 'role');
    const nulRole = await upload(
      staff,
      path,
      pdfBytes(),
      'a.pdf',
      'application/pdf',
      'evi\u0000dence',
    );
    expectRefused(nulRole, 422, 'role');
    const extraField = await staff.agent
      .post(path)
      .set(staff.csrf)
      .field('role', 'evidence')
      .field('ownerId', id)
      .attach('file', pdfBytes(), { filename: 'a.pdf', contentType: 'application/pdf' });
    expectRefused(extraField, 422, 'ownerId');
    const otherField = await staff.agent
      .post(path)
      .set(staff.csrf)
      .field('role', 'evidence')
      .attach('document', pdfBytes(), { filename: 'a.pdf', contentType: 'application/pdf' });
    expectRefused(otherField, 422);
    const garbage = await staff.agent
      .post(path)
      .set(staff.csrf)
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF');
    expect([garbage.status, typeof garbage.body.message]).toEqual([400, 'string']);
    expect(await counts()).toEqual(before);
    expect(
      await testApp.dataSource.getRepository(DocumentAttachment).countBy({ ownerId: id }),
    ).toBe(0);
  });

  it('refuses a file over the limit while it streams in, and leaves no row behind', async () => {
    const { path } = await newFlagPath();
    const before = await counts();
    const big = Buffer.alloc(DOCUMENT_MAX_BYTES + 1, 0x20);
    pdfBytes().copy(big);
    const res = await upload(staff, path, big, 'huge.pdf', 'application/pdf');
    expectRefused(res, 413);
    expect(res.body.errors.file).toMatch(/larger than 10 MB/);
    expect(await counts()).toEqual(before);
  });

  it('attaches to a disclosure under review, never to an approved one or a missing record', async () => {
    const pending = await disclosureIn('pending_review');
    const ok = await upload(
      staff,
      `/api/disclosures/${pending}/documents`,
      pdfBytes('consent'),
      'consent.pdf',
      'application/pdf',
      'consent',
    );
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ ownerType: 'disclosure', ownerId: pending, role: 'consent' });

    const approved = await disclosureIn('approved');
    const before = await counts();
    const refused = await upload(
      staff,
      `/api/disclosures/${approved}/documents`,
      pdfBytes('late'),
      'late.pdf',
      'application/pdf',
    );
    expect([refused.status, refused.body.code]).toEqual([409, 'record_approved']);
    const missing = await upload(
      staff,
      `/api/legal-process/${randomUUID()}/documents`,
      pdfBytes('lp'),
      'order.pdf',
      'application/pdf',
      'order',
    );
    expect(missing.status).toBe(404);
    const missingFlag = await upload(
      staff,
      `/api/violations/${randomUUID()}/documents`,
      pdfBytes('vf'),
      'e.pdf',
      'application/pdf',
    );
    expect(missingFlag.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('takes multipart only on the upload routes, and uploads only with the permission', async () => {
    const { path } = await newFlagPath();
    const before = await counts();
    const elsewhere = await staff.agent
      .post('/api/violations')
      .set(staff.csrf)
      .field('subjectId', randomUUID())
      .attach('file', pdfBytes(), { filename: 'a.pdf', contentType: 'application/pdf' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([415, 'unsupported_media_type']);
    const byOfficer = await upload(officer, path, pdfBytes('officer'), 'a.pdf', 'application/pdf');
    expect([byOfficer.status, byOfficer.body.code]).toEqual([403, 'forbidden']);
    const noCsrf = await staff.agent
      .post(path)
      .field('role', 'evidence')
      .attach('file', pdfBytes('csrf'), { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(noCsrf.status).toBe(403);
    const anonymous = await testApp
      .http()
      .post(path)
      .field('role', 'evidence')
      .attach('file', pdfBytes('anon'), { filename: 'a.pdf', contentType: 'application/pdf' });
    expect(anonymous.status).toBe(401);
    expect(await counts()).toEqual(before);
  });
});
