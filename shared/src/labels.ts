/** Turning stored values into the words a person reads, the same on the server and in the console. */

/** The label of a stored value, or the value itself when it has none (an old or unknown value). */
export function labelOf<K extends string>(
  labels: Record<K, string>,
  value: string | null | undefined,
): string {
  return value && Object.hasOwn(labels, value) ? labels[value as K] : (value ?? '');
}

/** "a" or "an" before a word, by how it is said: "an Admin", "a Staff", "a user", "an hour". */
export function indefiniteArticle(word: string): 'a' | 'an' {
  const w = word.trim().toLowerCase();
  if (/^(hour|honest|honou?r|heir)/.test(w)) return 'an';
  if (/^(u[bcdfgjklmnprstvz][aeiou]|uni|eu|one\b|once)/.test(w)) return 'a';
  // Initialisms said letter by letter: "an API key", "an SMTP server", "a CSV file".
  if (/^[A-Z]{2,}\b/.test(word.trim())) return /^[AEFHILMNORSX]/.test(word.trim()) ? 'an' : 'a';
  return /^[aeiou]/.test(w) ? 'an' : 'a';
}

/** The word with its article: "an Admin", "a Compliance officer". */
export const withArticle = (word: string): string => `${indefiniteArticle(word)} ${word}`;

/** "Name", "Name and Email", "Name, Email and Phone" (or "… or Phone"). */
export function listInWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "1 subject", "3 subjects". */
export const countOf = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;
