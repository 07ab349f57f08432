/**
 * The baseline: a bare node:http server that runs a scenario's SQL through the same driver as
 * Privacy Desk, with nothing else (no framework, no validation, no session, no audit). It is
 * the limit of this stack on this machine, measured in the same run. DATABASE_URL and PORT come
 * from the environment.
 */
import { createServer } from 'node:http';
import { openBaselineDb } from './db.js';
import { BASELINE_ROUTES } from './routes.js';

const db = openBaselineDb(process.env.DATABASE_URL ?? '');
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (url.pathname === '/health') {
    res.end('ok');
    return;
  }
  const route = BASELINE_ROUTES[url.pathname];
  if (!route) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    route(db, url, Buffer.concat(chunks).toString())
      .then((answer) => {
        res.writeHead(answer.status, {
          'Content-Type': 'application/json',
          ...answer.headers,
        });
        res.end(answer.body);
      })
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  });
});
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
const stop = () => server.close(() => void db.close().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
