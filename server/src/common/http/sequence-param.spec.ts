import { ApiError } from '../errors/domain-errors.js';
import { MAX_INT_COLUMN, SequenceParamPipe } from './sequence-param.js';

describe('SequenceParamPipe', () => {
  const pipe = new SequenceParamPipe('Audit entry');

  it('reads plain whole numbers from 1 to the largest integer column', () => {
    expect(pipe.transform('1')).toBe(1);
    expect(pipe.transform(42)).toBe(42);
    expect(pipe.transform(String(MAX_INT_COLUMN))).toBe(MAX_INT_COLUMN);
  });

  it('answers 404 to anything else, never passing it to the database', () => {
    for (const value of [
      '0',
      '-1',
      '1.5',
      '1e3',
      '2147483648',
      '99999999999999999999',
      1e20,
      NaN,
      '',
      ' 1',
      'x',
    ]) {
      let status: number | undefined;
      try {
        pipe.transform(value);
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        status = (error as ApiError).getStatus();
        expect((error as ApiError).code).toBe('not_found');
      }
      expect({ value, status }).toEqual({ value, status: 404 });
    }
  });
});
