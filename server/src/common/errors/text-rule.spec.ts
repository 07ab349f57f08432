import { IsString } from 'class-validator';
import { ApiError } from './domain-errors.js';
import { findTextErrors, MAX_INPUT_DEPTH, MultilineText, textProblem } from './text-rule.js';
import { createValidationPipe, OptionalField, validateInput } from './validation.js';

class NoteLikeDto {
  @IsString() title: string;
  @IsString() @MultilineText() body: string;
}

class RenameDto {
  @OptionalField() @IsString() name?: string;
}

describe('the text rule', () => {
  it('accepts ordinary text, emoji (a valid surrogate pair) and other scripts', () => {
    for (const text of ['Jane Doe', 'Zoë Ødegård', '李小龍', '😀 ok', '', 'a\u007fb']) {
      expect(textProblem(text)).toBeNull();
    }
  });

  it('refuses lone surrogates, high or low, anywhere in the text', () => {
    for (const text of ['\ud800', 'partner \ud800 key', '\udc00x', 'x\ud83d', '\ude00\ud83d']) {
      expect(textProblem(text)).toBe('must be valid Unicode text');
      expect(textProblem(text, true)).toBe('must be valid Unicode text');
    }
  });

  it('refuses NUL and every other C0 control in single-line text', () => {
    for (let code = 0; code < 0x20; code++) {
      expect({ code, problem: textProblem(`a${String.fromCharCode(code)}b`) }).toEqual({
        code,
        problem: 'must not contain control characters',
      });
    }
  });

  it('allows only tab, line feed and carriage return in multi-line text', () => {
    for (let code = 0; code < 0x20; code++) {
      const allowed = code === 0x09 || code === 0x0a || code === 0x0d;
      expect({ code, ok: textProblem(`a${String.fromCharCode(code)}b`, true) === null }).toEqual({
        code,
        ok: allowed,
      });
    }
  });

  it('walks nested values and object keys, naming each path; multi-line fields carry down', () => {
    expect(
      findTextErrors(
        {
          title: 'two\nlines',
          body: 'two\nlines\tok',
          nested: { list: ['ok', 'bad\u0000'] },
          'key\u0000': 1,
          __proto__: 'x\ud800',
        },
        { metatype: NoteLikeDto },
      ),
    ).toEqual({
      title: 'must not contain control characters',
      'nested.list.1': 'must not contain control characters',
      '(key)': 'must not contain control characters (in a field name)',
      __proto__: 'is not a field this request accepts',
    });
    expect(findTextErrors({ payload: { constructor: { prototype: 1 } } })).toEqual({
      'payload.constructor': 'is not a field this request accepts',
    });
    expect(findTextErrors({ body: { deeper: ['a\r\nb'] } }, { metatype: NoteLikeDto })).toEqual({});
  });

  it('stops at the depth limit without recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const errors = findTextErrors({ a: deep });
    expect(Object.values(errors)).toEqual([
      `must not be nested more than ${MAX_INPUT_DEPTH} levels deep`,
    ]);
  });
});

describe('the global validation pipe', () => {
  const pipe = createValidationPipe();

  async function refusal(value: unknown, metatype: new () => object) {
    try {
      await pipe.transform(value, { type: 'body', metatype });
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).getStatus()).toBe(422);
      expect((error as ApiError).code).toBe('validation_failed');
      return (error as ApiError).errors;
    }
    throw new Error('expected a 422');
  }

  it('applies the text rule to every DTO before class-validator', async () => {
    expect(await refusal({ title: 'a\u0000', body: 'x' }, NoteLikeDto)).toEqual({
      title: 'Title must not contain control characters.',
    });
    await expect(
      pipe.transform({ title: 'a', body: 'x\ny' }, { type: 'body', metatype: NoteLikeDto }),
    ).resolves.toMatchObject({ body: 'x\ny' });
  });

  it('refuses null for a field that may only be left out', async () => {
    expect(await refusal({ name: null }, RenameDto)).toEqual({
      name: 'Name must not be empty; leave the field out to keep its value.',
    });
    await expect(pipe.transform({}, { type: 'body', metatype: RenameDto })).resolves.toEqual({});
  });

  it('serves the HTML form the same rule through validateInput', () => {
    expect(validateInput(NoteLikeDto, { title: 'a\u0007', body: 'b' }).errors).toEqual({
      title: 'Title must not contain control characters.',
    });
    expect(validateInput(NoteLikeDto, { title: 'a', body: 'b\r\n' }).errors).toEqual({});
  });
});
