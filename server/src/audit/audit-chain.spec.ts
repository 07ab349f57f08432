import { GENESIS_HASH, hashEntry, verifyChain } from './audit-chain.js';
import type { ChainedFields } from './audit-chain.js';

function chain(length: number): (ChainedFields & { hash: string })[] {
  const entries: (ChainedFields & { hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const fields: ChainedFields = {
      seq,
      at: new Date(Date.UTC(2026, 10, 29, 12, 0, seq)),
      actorType: 'user',
      actorId: 'u1',
      actorLabel: 'Sam',
      action: 'thing.done',
      entityType: 'thing',
      entityId: String(seq),
      summary: `did thing ${seq}`,
      prevHash,
    };
    const hash = hashEntry(fields);
    entries.push({ ...fields, hash });
    prevHash = hash;
  }
  return entries;
}

describe('audit chain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, checked: 5, lastSeq: 5 });
    expect(verifyChain([])).toMatchObject({ ok: true, checked: 0, lastSeq: null });
  });

  it('hashes every field, the time included', () => {
    const [entry] = chain(1);
    for (const change of [
      { summary: 'x' },
      { actorId: 'u2' },
      { at: new Date(0) },
      { entityId: null },
    ]) {
      expect(hashEntry({ ...entry!, ...change })).not.toBe(entry!.hash);
    }
  });

  it('names an edited entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, summary: 'edited' };
    expect(verifyChain(entries)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('names a missing entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'entry #2 is missing',
    });
  });

  it('names an entry re-hashed after editing, by its broken link to the next', () => {
    const entries = chain(5);
    const edited = { ...entries[1]!, summary: 'edited' };
    edited.hash = hashEntry(edited);
    entries[1] = edited;
    expect(verifyChain(entries)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringContaining('link'),
    });
  });

  it('continues across batches', () => {
    const entries = chain(6);
    const first = verifyChain(entries.slice(0, 3));
    expect(verifyChain(entries.slice(3), first.state)).toMatchObject({
      ok: true,
      checked: 6,
      lastSeq: 6,
    });
  });
});
