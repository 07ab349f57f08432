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

  it('redacts the names of people, not the names of errors, jobs or templates', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createRootLogger('info', sink);
    const error = new TypeError('bad input');
    logger.error(
      {
        err: error,
        error: { name: 'QueryFailedError', message: 'duplicate key' },
        job: { name: 'mail.deliver' },
        user: { name: 'Ada Lovelace' },
        subject: { name: 'Grace Hopper' },
        request: { requesterName: 'Alan Turing', requester: { name: 'Joan Clarke' } },
      },
      'failed',
    );
    const line = JSON.parse(lines.join('')) as Record<string, Record<string, unknown>>;
    expect(line.err!.type).toBe('TypeError');
    expect(line.error!.name).toBe('QueryFailedError');
    expect(line.job!.name).toBe('mail.deliver');
    expect(line.user!.name).toBe('[redacted]');
    expect(line.subject!.name).toBe('[redacted]');
    const output = lines.join('');
    for (const person of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Joan Clarke']) {
      expect(output).not.toContain(person);
    }
  });
});
