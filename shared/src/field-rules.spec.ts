import {
  asFieldError,
  dateOfBirthProblem,
  emailProblem,
  FIELD_MESSAGES,
  isEmailAddress,
  pastDateProblem,
  periodEndProblem,
  requiredProblem,
} from './field-rules.js';

describe('field rules', () => {
  describe('requiredProblem', () => {
    it.each([undefined, null, '', '   '])('refuses %p as missing', (value) => {
      expect(requiredProblem(value)).toBe(FIELD_MESSAGES.required);
    });

    it.each(['Ada', 0, false])('accepts %p', (value) => {
      expect(requiredProblem(value)).toBeUndefined();
    });
  });

  describe('email addresses', () => {
    it.each([
      'ada@example.com',
      'ada.byron+desk@mail.example.co.uk',
      "o'brien@example.ie",
      'staff@demo.test',
      'x@xn--bcher-kva.example',
    ])('accepts %s', (value) => {
      expect(isEmailAddress(value)).toBe(true);
      expect(emailProblem(value)).toBeUndefined();
    });

    it.each([
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'ada@@example.com',
      'ada@exa mple.com',
      '.ada@example.com',
      'ada.@example.com',
      'a..da@example.com',
      'ada@-example.com',
      'ada@example.c0m',
      `${'a'.repeat(65)}@example.com`,
      `ada@${'a'.repeat(320)}.com`,
    ])('refuses %s', (value) => {
      expect(isEmailAddress(value)).toBe(false);
      expect(emailProblem(value)).toBe(FIELD_MESSAGES.email);
    });

    it('leaves a blank field to the required rule, and trims what was typed', () => {
      expect(emailProblem('')).toBeUndefined();
      expect(emailProblem(' ada@example.com ')).toBeUndefined();
    });
  });

  describe('dates not in the future', () => {
    const today = '2026-11-30';

    it('accepts today and earlier, and a blank field', () => {
      expect(pastDateProblem(today, today)).toBeUndefined();
      expect(pastDateProblem('2026-11-29', today)).toBeUndefined();
      expect(pastDateProblem('', today)).toBeUndefined();
    });

    it('refuses tomorrow, and a date that does not exist', () => {
      expect(pastDateProblem('2026-12-01', today)).toBe(FIELD_MESSAGES.future);
      expect(pastDateProblem('2026-02-30', today)).toBe(FIELD_MESSAGES.notRealDate);
    });

    it('refuses a date of birth in the future or before 1900', () => {
      expect(dateOfBirthProblem('2027-01-01', today)).toBe(FIELD_MESSAGES.future);
      expect(dateOfBirthProblem('1899-12-31', today)).toBe(FIELD_MESSAGES.tooLongAgo);
      expect(dateOfBirthProblem('1900-01-01', today)).toBeUndefined();
      expect(dateOfBirthProblem(null, today)).toBeUndefined();
    });
  });

  describe('periods', () => {
    it('refuses an end before the start, and accepts one day or open ends', () => {
      expect(periodEndProblem('2026-03-01', '2026-02-28')).toBe(
        FIELD_MESSAGES.periodEndBeforeStart,
      );
      expect(periodEndProblem('2026-03-01', '2026-03-01')).toBeUndefined();
      expect(periodEndProblem('2026-03-01', '')).toBeUndefined();
      expect(periodEndProblem(null, '2026-03-01')).toBeUndefined();
    });
  });

  it('shows a rule message as a sentence', () => {
    expect(asFieldError(FIELD_MESSAGES.future)).toBe('Cannot be in the future');
    expect(asFieldError('')).toBe('');
  });
});
