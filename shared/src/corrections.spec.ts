import { correctedFields, correctionBlockers, fieldsToTell } from './corrections.js';

describe('corrections', () => {
  it('corrects only accepted fields whose value differs from now', () => {
    expect(
      correctedFields([
        { field: 'email', decision: 'accept', value: 'new@example.com', currentValue: 'old@x.com' },
        { field: 'phone', decision: 'accept_edited', value: '+4930', currentValue: '+4930' },
        { field: 'city', decision: 'decline', value: null, currentValue: 'Bonn' },
        { field: 'name', decision: null, value: null, currentValue: 'Jo' },
      ]),
    ).toEqual(['email']);
  });

  it('tells a recipient the corrected fields it received', () => {
    expect(fieldsToTell(['name', 'email', 'request_data'], ['email', 'phone'])).toEqual(['email']);
    expect(fieldsToTell(['addressLine1'], ['email'])).toEqual([]);
  });

  it('blocks completion until decided, applied and every recipient settled', () => {
    const base = { linked: true, appliedAt: null, fields: [{ decision: null }], followUps: [] };
    expect(correctionBlockers(base)).toEqual([
      '1 field(s) still need a decision',
      'the decisions are not applied to the subject yet',
    ]);
    expect(
      correctionBlockers({
        ...base,
        fields: [{ decision: 'accept' }],
        appliedAt: '2027-03-10T12:00:00Z',
        followUps: [{ status: 'open' }, { status: 'exempt' }],
      }),
    ).toEqual(['1 recipient(s) still to notify or mark exempt']);
    expect(
      correctionBlockers({
        ...base,
        fields: [{ decision: 'decline' }],
        appliedAt: '2027-03-10T12:00:00Z',
        followUps: [{ status: 'notified' }],
      }),
    ).toEqual([]);
    // Not linked: nothing in our records to correct.
    expect(correctionBlockers({ ...base, linked: false })).toEqual([]);
  });
});
