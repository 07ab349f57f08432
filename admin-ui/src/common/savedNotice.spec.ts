import { savedNotice } from './savedNotice';

describe('savedNotice', () => {
  it('names what was saved and what happened to it', () => {
    expect(savedNotice('subjects', 'created', 'Ada Byron')).toBe('Subject Ada Byron created');
    expect(savedNotice('requests', 'created', 'PR-2026-000007')).toBe(
      'Request PR-2026-000007 entered',
    );
    expect(savedNotice('users', 'updated', 'ada@example.com')).toBe('User ada@example.com updated');
    expect(savedNotice('violations', 'created', 'VF-2026-000001')).toBe(
      'Violation flag VF-2026-000001 raised',
    );
  });

  it('still says what happened when the record has no name yet', () => {
    expect(savedNotice('disclosures', 'updated', '  ')).toBe('Disclosure updated');
    expect(savedNotice('toString', 'created', 'x')).toBe('Record x created');
  });
});
