import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp } from './support/test-app.js';
import type { TestApp } from './support/test-app.js';

const UI_DIST = fileURLToPath(new URL('../../admin-ui/dist', import.meta.url));

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Over node:http, which (unlike supertest and fetch) leaves the bytes as they were sent. */
function getRaw(server: Server, path: string, acceptEncoding: string): Promise<RawResponse> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    httpGet(
      { host: '127.0.0.1', port, path, headers: { 'Accept-Encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    ).on('error', reject);
  });
}

describe('the console as the server sends it', () => {
  let testApp: TestApp;
  let entryScript: string;

  beforeAll(async () => {
    testApp = await startTestApp({ ADMIN_UI_DIST: UI_DIST });
    await testApp.app.listen(0, '127.0.0.1');
    const page = readFileSync(join(UI_DIST, 'index.html'), 'utf8');
    entryScript = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(page)![1]!;
  });
  afterAll(() => testApp.close());

  const get = (path: string, acceptEncoding: string) =>
    getRaw(testApp.app.getHttpServer() as Server, path, acceptEncoding);

  it('sends the page itself uncached, with a loading shell shown until its scripts run', async () => {
    const res = await testApp.http().get('/').set('Accept-Encoding', 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain(entryScript);
    expect(res.text).toMatch(/<div id="root">\s*<div class="loading-bar">Privacy Desk<\/div>/);
    expect(res.text).toContain('<p class="loading-note" role="status">Loading the console…</p>');
  });

  it.each([
    ['br, gzip, deflate', 'br', brotliDecompressSync],
    ['gzip, deflate', 'gzip', gunzipSync],
  ])(
    'sends a hashed script precompressed for "%s" (%s), cached for a year',
    async (acceptEncoding, encoding, decode) => {
      const res = await get(entryScript, acceptEncoding);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['vary']).toMatch(/Accept-Encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const original = readFileSync(join(UI_DIST, entryScript));
      const sent = res.body;
      expect(sent.length).toBeLessThan(original.length / 2);
      expect(decode(sent).equals(original)).toBe(true);
    },
  );

  it('sends the plain file to a client that accepts no compression', async () => {
    const res = await get(entryScript, 'identity');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(readFileSync(join(UI_DIST, entryScript)))).toBe(true);
  });
});
