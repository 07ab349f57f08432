import { Writable } from 'node:stream';
import { createRootLogger } from './logger.js';

describe('log redaction', () => {
  it('keeps secrets and personal data out of the JSON logs', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createRootLogger('info', sink);
    logger.info(
      {
        req: {
          headers: {
            cookie: 'pd_session=secret-token',
            authorization: 'Bearer key',
            'x-csrf-token': 'csrf',
          },
        },
        body: {
          email: 'jane@example.com',
          password: 'hunter2-hunter2',
          name: 'Jane Doe',
          phone: '+15551234567',
        },
      },
      'request',
    );
    const output = lines.join('');
    expect(JSON.parse(output)).toMatchObject({ msg: 'request', level: 30 });
    for (const secret of [
      'secret-token',
      'Bearer key',
      'jane@example.com',
      'hunter2',
      'Jane Doe',
      '+1555',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('[redacted]');
  });
});
