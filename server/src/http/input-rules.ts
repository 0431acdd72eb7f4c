import { AppError } from '../errors';

/**
 * Rules every caller-supplied value meets before any handler sees it, one place for all
 * routes (route.ts over body, query and path parameters; the JSON body readers in
 * json-body.ts and fast-routes.ts):
 * - the bytes of a JSON body are UTF-8: anything else is refused, not silently turned into
 *   U+FFFD (which would store text the caller never sent);
 * - no string and no object key holds U+0000 or half a surrogate pair (`"\ud800"` is valid
 *   JSON): PostgreSQL cannot store the first in text or jsonb, nor the second in jsonb, so
 *   letting them through turns caller input into a 500 with a stack trace.
 * Both are 400 BAD_REQUEST; `fields` names where (a path, never the value).
 */

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** `bytes` as text, or BAD_REQUEST when they are not UTF-8. A leading BOM is dropped, as before. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new AppError('BAD_REQUEST', {
      message: '请求内容不是有效的UTF-8编码',
      fields: { '(body)': '不是有效的UTF-8编码' },
    });
  }
}

/** U+0000, or a surrogate without its other half (String.prototype.isWellFormed is ES2024). */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is refused here
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
/** Any U+0000 or surrogate code unit at all: a cheap first look, nearly always false (most text has neither). */
// eslint-disable-next-line no-control-regex -- as above
const suspicious = /[\u0000\ud800-\udfff]/;

/** Text PostgreSQL stores as given: no U+0000, no unpaired surrogate. */
export const isStorableText = (text: string) => !suspicious.test(text) || !unstorable.test(text);

/** Nesting deeper than this is not walked further (JSON bodies are capped at 256 KB anyway). */
const MAX_DEPTH = 64;

/**
 * The dotted path of the first string or key that is not storable text, or null. Paths are
 * built only on the way out: this runs on every request (~1.5 µs for a verify body).
 */
export function findUnstorable(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : '';
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    // The path goes back in the error body: shown without the characters that made it fail.
    if (!isStorableText(key)) return key.replace(new RegExp(unstorable.source, 'gu'), '\uFFFD');
    const found = findUnstorable((value as Record<string, unknown>)[key], depth + 1);
    if (found !== null) return found === '' ? key : `${key}.${found}`;
  }
  return null;
}

export type InputPart = 'body' | 'query' | 'params';

/** Throws BAD_REQUEST when `value` (one part of a request) holds unstorable text anywhere. */
export function refuseUnstorable(value: unknown, part: InputPart) {
  const found = findUnstorable(value);
  if (found === null) return;
  const at = found || '(value)';
  throw new AppError('BAD_REQUEST', {
    message: '请求包含无效字符（如空字符U+0000），请检查后重试',
    fields: { [part === 'body' ? at : `${part}.${at}`]: '包含无效字符' },
  });
}
