import { accessUi } from './access.js';
import { correctionUi } from './correction.js';
import { minorReviewUi } from './minor-review.js';
import { optOutUi } from './opt-out.js';

describe('staff entry payload', () => {
  it('sends only the payload of the chosen kind', () => {
    const form = {
      corrections: [{ field: 'city' as const, requestedValue: 'Berlin', note: '  ' }],
      channels: ['email'],
      scopes: [],
      format: 'pdf',
    };
    expect(correctionUi.payloadFor(form)).toEqual({
      corrections: [{ field: 'city', requestedValue: 'Berlin' }],
    });
    expect(optOutUi.payloadFor(form)).toEqual({ channels: ['email'], scopes: [] });
    expect(accessUi.payloadFor(form)).toEqual({ format: 'pdf' });
    expect(minorReviewUi.payloadFor(form)).toEqual({});
  });
});
