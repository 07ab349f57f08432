import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  validateSync,
} from 'class-validator';
import { SUBJECT_FIELD_LABELS } from '@privacy-desk/shared';
import { conflict, notFound, staleVersion, validationError } from './domain-errors.js';
import { oneOf } from './messages.js';
import { flattenValidationErrors } from './validation.js';

class DefaultsDto {
  @IsEmail() requesterEmail = 'not-an-email';
  @IsNotEmpty() @IsString() name = '';
  @MaxLength(5) caseNumber = 'far too long';
  @IsUUID() subjectId = 'x';
  @IsBoolean() optIn = 'yes' as unknown as boolean;
  @IsInt() count = 1.5;
  @IsIn(['a', 'b']) kind = 'c';
  @ArrayMinSize(1) subjectIds: string[] = [];
}

class LabelledDto {
  @IsIn(['addressLine1', 'postalCode'], oneOf(['addressLine1', 'postalCode'], SUBJECT_FIELD_LABELS))
  field = 'shoeSize';
}

describe('field messages', () => {
  it('words class-validator’s own messages as sentences about the field’s label', () => {
    expect(flattenValidationErrors(validateSync(new DefaultsDto()))).toEqual({
      requesterEmail: 'Email must be a valid email address.',
      name: 'Name is required.',
      caseNumber: 'Case or docket number must be at most 5 characters.',
      subjectId: 'Subject must be chosen from the list.',
      optIn: 'Opt back in must be yes or no.',
      count: 'Count must be a whole number.',
      kind: 'Kind of request is not one of the choices offered.',
      subjectIds: 'Subjects must name at least 1.',
    });
  });

  it('lists the choices by their labels, never their stored values', () => {
    expect(flattenValidationErrors(validateSync(new LabelledDto()))).toEqual({
      field: 'Field must be one of: Address line 1 or Postal code.',
    });
  });

  it('words the API errors once, for every caller', () => {
    const error = validationError({
      'payload.periodEnd': 'is not a real date',
      email: 'A subject with this email already exists',
    });
    expect(error.getResponse()).toEqual({
      message: 'Some of the information needs correcting; see each field.',
      code: 'validation_failed',
      errors: {
        'payload.periodEnd': 'End of the period is not a real date.',
        email: 'A subject with this email already exists.',
      },
    });
    expect(notFound('Request').message).toBe('Request not found.');
    expect(staleVersion('This request').message).toMatch(/^This request was changed .*again\.$/);
    expect(conflict('no change').message).toBe('No change.');
  });
});

/** Every .ts file under a folder, specs left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const LITERAL = String.raw`('(?:[^'\\\n]|\\.)*'|` + '`(?:[^`\\\\]|\\\\.)*`)';
/** Where a message to a person is written: field messages, and the error helpers' texts. */
const MESSAGE_SITES = [
  new RegExp(String.raw`\bmessage:\s*` + LITERAL, 'g'),
  new RegExp(String.raw`\b(?:errors|problems)(?:\.\w+|\[[^\]]+\])\s*=\s*` + LITERAL, 'g'),
  new RegExp(String.raw`validationError\(\{\s*[\w'.\[\]\`$\{\}]+:\s*` + LITERAL, 'g'),
  new RegExp(
    String.raw`\b(?:conflict|forbidden|unauthenticated|notFound|staleVersion)\(\s*` + LITERAL,
    'g',
  ),
];
/** Technical words a message may name on purpose: headers, formats, key prefixes. */
const ALLOWED = /Content-Type|application\/json|pdk_|sha256|x-csrf-token/gi;

describe('the server’s messages, read from its source', () => {
  const root = new URL('../../', import.meta.url).pathname;
  const found = sources(root)
    .filter((file) => !file.includes('/config/') && !file.includes('/cli/'))
    .flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return MESSAGE_SITES.flatMap((site) =>
        [...text.matchAll(site)].map((match) => ({
          file: file.slice(root.length),
          message: match[1].slice(1, -1),
        })),
      );
    });

  it('finds the messages (the scan itself works)', () => {
    expect(found.length).toBeGreaterThan(100);
    expect(found.map((f) => f.message)).toContain('A staff account with this email already exists');
  });

  it('never names a field by its key (camelCase or snake_case) in words a person reads', () => {
    const offending = found.filter(({ message }) => {
      const words = message.replace(/\$\{[^}]*\}/g, '').replace(ALLOWED, '');
      return /\b[a-z]+[A-Z]\w*\b/.test(words) || /\b[a-z]+_[a-z_]+\b/.test(words);
    });
    expect(offending).toEqual([]);
  });

  it('starts each whole-sentence message with a capital letter', () => {
    // A field message may be the rest of a sentence after the label ("is required"); a message
    // that names no field (a conflict, a not-found) must be a sentence of its own.
    const lowerCaseSentences = found.filter(
      ({ message }) =>
        /^[a-z]/.test(message) &&
        !/^(is|are|must|cannot|can|was|has|should|each value|lists|names?|holds?|makes)\b/.test(
          message,
        ),
    );
    expect(lowerCaseSentences).toEqual([]);
  });
});
