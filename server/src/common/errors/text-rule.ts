import 'reflect-metadata';

/**
 * The one rule for text that comes in from outside: valid Unicode only (no lone UTF-16
 * surrogates), and no NUL or other C0 control characters, except tab, line feed and carriage
 * return in fields marked `@MultilineText()`. Both databases then accept exactly the same
 * inputs (PostgreSQL refuses NUL in text and JSON; SQLite would store it).
 */

/** Deeper than this, a value is refused before anything walks it (bodies are refused earlier). */
export const MAX_INPUT_DEPTH = 32;

const MULTILINE_KEY = 'privacy-desk:multiline-text';

// A lone surrogate: in `u` mode a valid pair is one code point above U+FFFF and does not match.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// eslint-disable-next-line no-control-regex
const C0_SINGLE_LINE = /[\u0000-\u001F]/;
// eslint-disable-next-line no-control-regex
const C0_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export const TEXT_MESSAGES = {
  unicode: 'must be valid Unicode text',
  control: 'must not contain control characters',
  controlMultiline: 'must not contain control characters other than tab and line breaks',
  tooDeep: `must not be nested more than ${MAX_INPUT_DEPTH} levels deep`,
  reservedKey: 'is not a field this request accepts',
} as const;

/** Object keys that name JavaScript's own machinery, never data: refused wherever they appear. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Marks a DTO property as multi-line text (notes, reasons, messages): tab and line breaks are
 * allowed in it, and in every string nested inside it.
 */
export function MultilineText(): PropertyDecorator {
  return (target, property) => {
    const existing = (Reflect.getMetadata(MULTILINE_KEY, target) as string[] | undefined) ?? [];
    Reflect.defineMetadata(MULTILINE_KEY, [...existing, String(property)], target);
  };
}

/** The multi-line property names of a DTO class (inherited ones included). */
export function multilineFieldsOf(metatype: unknown): ReadonlySet<string> {
  if (typeof metatype !== 'function') return new Set();
  const names = Reflect.getMetadata(MULTILINE_KEY, metatype.prototype as object) as
    string[] | undefined;
  return new Set(names ?? []);
}

/** What is wrong with one string under the text rule, or null when it is fine. */
export function textProblem(value: string, multiline = false): string | null {
  if (LONE_SURROGATE.test(value)) return TEXT_MESSAGES.unicode;
  if (multiline ? C0_MULTILINE.test(value) : C0_SINGLE_LINE.test(value))
    return multiline ? TEXT_MESSAGES.controlMultiline : TEXT_MESSAGES.control;
  return null;
}

/**
 * Walks every string (object keys included) in a value from outside and returns the text-rule
 * problems (and keys such as `__proto__`, which class-transformer would silently drop) as `{ 'field.path': message }`, in react-admin's shape. Multi-line fields are the
 * top-level properties named by `@MultilineText()` on `metatype`. The walk is iterative and
 * stops at MAX_INPUT_DEPTH, so no input can exhaust the stack.
 */
export function findTextErrors(
  value: unknown,
  options: { metatype?: unknown; path?: string; multiline?: boolean } = {},
): Record<string, string> {
  const multilineFields = multilineFieldsOf(options.metatype);
  const errors = new Map<string, string>();
  const report = (path: string, message: string) => {
    if (!errors.has(path || 'body')) errors.set(path || 'body', message);
  };
  const root = options.path ?? '';
  const stack: { value: unknown; path: string; depth: number; multiline: boolean }[] = [
    { value, path: root, depth: 0, multiline: options.multiline ?? false },
  ];
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value, item.multiline);
      if (problem) report(item.path, problem);
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_INPUT_DEPTH) {
      report(item.path, TEXT_MESSAGES.tooDeep);
      continue;
    }
    const entries = Array.isArray(item.value)
      ? item.value.map((v, i) => [String(i), v] as const)
      : Object.keys(item.value).map(
          (k) => [k, (item.value as Record<string, unknown>)[k]] as const,
        );
    for (const [key, child] of entries) {
      const keyProblem = Array.isArray(item.value) ? null : textProblem(key);
      const safeKey = keyProblem ? '(key)' : key;
      const path = join(item.path, safeKey);
      if (keyProblem) {
        report(path, `${keyProblem} (in a field name)`);
        continue;
      }
      if (!Array.isArray(item.value) && RESERVED_KEYS.has(key)) {
        report(path, TEXT_MESSAGES.reservedKey);
        continue;
      }
      const multiline =
        item.multiline || (item.depth === 0 && item.path === root && multilineFields.has(key));
      stack.push({ value: child, path, depth: item.depth + 1, multiline });
    }
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
  return Object.fromEntries(errors);
}
