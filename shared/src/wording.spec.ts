import { DATA_CATEGORY_LABELS } from './disclosure-log.js';
import { indefiniteArticle, labelOf, listInWords, withArticle } from './labels.js';
import { CORRECTABLE_FIELDS, SUBJECT_FIELD_LABELS } from './requests.js';
import { ROLE_LABELS, ROLES } from './roles.js';
import {
  asSentence,
  fieldLabelOf,
  fieldMessage,
  fieldMessages,
  humanizeKey,
  notPossibleNow,
} from './wording.js';

describe('subject field labels', () => {
  it('names every correctable field in words, never by its key', () => {
    for (const field of CORRECTABLE_FIELDS) {
      expect(SUBJECT_FIELD_LABELS[field]).toMatch(/^[A-Z][a-z]/);
      expect(SUBJECT_FIELD_LABELS[field]).not.toBe(field);
    }
    expect(
      ['addressLine1', 'postalCode', 'jobTitle', 'dateOfBirth'].map((f) =>
        labelOf(SUBJECT_FIELD_LABELS, f),
      ),
    ).toEqual(['Address line 1', 'Postal code', 'Job title', 'Date of birth']);
  });

  it('is the one list the disclosure categories name subject fields with', () => {
    for (const field of CORRECTABLE_FIELDS)
      expect(DATA_CATEGORY_LABELS[field]).toBe(SUBJECT_FIELD_LABELS[field]);
  });

  it('falls back to the stored value for an unknown one, and to "" for none', () => {
    expect(labelOf(SUBJECT_FIELD_LABELS, 'shoeSize')).toBe('shoeSize');
    expect(labelOf(SUBJECT_FIELD_LABELS, null)).toBe('');
    expect(labelOf(SUBJECT_FIELD_LABELS, '__proto__')).toBe('__proto__');
  });
});

describe('articles and lists', () => {
  it('says "an Admin" and "a Staff" account, and gets the usual exceptions right', () => {
    expect(ROLES.map((r) => withArticle(ROLE_LABELS[r]))).toEqual([
      'a Staff',
      'a Compliance officer',
      'a Manager',
      'an Admin',
    ]);
    expect(
      ['user', 'hour', 'API key', 'CSV file', 'Opt-out', 'one-off'].map(indefiniteArticle),
    ).toEqual(['a', 'an', 'an', 'a', 'an', 'a']);
  });

  it('joins words as a person writes a list', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['Name'])).toBe('Name');
    expect(listInWords(['Name', 'Email'])).toBe('Name and Email');
    expect(listInWords(['Name', 'Email', 'Phone'], 'or')).toBe('Name, Email or Phone');
  });
});

describe('field labels for messages', () => {
  it('names a field by what the form calls it, at any depth', () => {
    expect(fieldLabelOf('periodEnd')).toBe('End of the period');
    expect(fieldLabelOf('payload.periodStart')).toBe('Start of the period');
    expect(fieldLabelOf('payload.corrections.0.field')).toBe('Field to correct');
    expect(fieldLabelOf('payload.corrections.1.requestedValue')).toBe('Correct value');
    expect(fieldLabelOf('productions.0.dataCategories')).toBe('Data categories');
    expect(fieldLabelOf('filter.severity')).toBe('Severity filter');
    expect(fieldLabelOf('addressLine1')).toBe('Address line 1');
    expect(fieldLabelOf('')).toBe('The request');
  });

  it('puts a field without a label of its own into words', () => {
    expect(humanizeKey('evidenceNotes')).toBe('Evidence notes');
    expect(humanizeKey('opt_out')).toBe('Opt out');
    expect(fieldLabelOf('issuingAuthorityCountry')).toBe('Issuing authority country');
  });
});

describe('messages as sentences', () => {
  it('gives every message a capital letter and one full stop', () => {
    expect(asSentence('request not found')).toBe('Request not found.');
    expect(asSentence('That code is not valid. Try again.')).toBe(
      'That code is not valid. Try again.',
    );
    expect(asSentence('Why?')).toBe('Why?');
  });

  it('puts the label in front of the rest of a sentence', () => {
    expect(fieldMessage('requesterEmail', 'must be a valid email address')).toBe(
      'Email must be a valid email address.',
    );
    expect(fieldMessage('payload.corrections.0.field', 'is required')).toBe(
      'Field to correct is required.',
    );
    expect(fieldMessage('dataCategories', 'each value must be one of: Name or Email')).toBe(
      'Each value in Data categories must be one of: Name or Email.',
    );
  });

  it('keeps a whole sentence as written, adding only the full stop', () => {
    expect(fieldMessage('periodEnd', 'The end of the period cannot be before its start')).toBe(
      'The end of the period cannot be before its start.',
    );
    expect(fieldMessage('file', '“report.pdf” is empty.')).toBe('“report.pdf” is empty.');
    expect(fieldMessage('subjectIds', '2 of these are not a known subject')).toBe(
      '2 of these are not a known subject.',
    );
  });

  it('words a whole map and keeps its keys, so react-admin finds each field', () => {
    const worded = fieldMessages({
      email: 'is required',
      'payload.periodEnd': 'is not a real date',
    });
    expect(worded).toEqual({
      email: 'Email is required.',
      'payload.periodEnd': 'End of the period is not a real date.',
    });
    expect(fieldMessages(worded)).toEqual(worded);
  });

  it('names the refused action and what can be done instead, in the words of the buttons', () => {
    expect(notPossibleNow('Complete', 'the request', 'New (queued)', ['Claim', 'Reject'])).toBe(
      '“Complete” is not possible while the request is new (queued); possible now: Claim or Reject.',
    );
    expect(notPossibleNow('Respond', 'the legal process', 'Withdrawn', [])).toBe(
      '“Respond” is not possible while the legal process is withdrawn; possible now: nothing.',
    );
  });
});
