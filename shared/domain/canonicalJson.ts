/**
 * Deterministic JSON: object keys sorted by code point, no whitespace, `undefined` members dropped.
 * Used wherever bytes are hashed or signed (audit chain, state digest, bundle manifests).
 *
 * Written as one string builder without intermediate arrays (every record write hashes its audit
 * entry through here), sorting only keys out of order and quoting a recurring key once;
 * canonicalJson.test.ts holds it to the plain definition, output and errors.
 */
export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += v === undefined ? 'null' : write(v);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Default sort compares UTF-16 code units, the same order as `<` on strings; keys already in order are left as they are.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys.sort();
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    if (!first) out += ',';
    first = false;
    out += quotedKey(key) + write(v);
  }
  return `${out}}`;
}

/**
 * `"key":` for a key. The same few dozen keys recur in every audit entry and record, so short ones are
 * kept once quoted (at most MAX_KEYS of at most 64 characters; a longer or later one is quoted each time).
 */
const quoted = new Map<string, string>();
const MAX_KEYS = 4096;
function quotedKey(key: string): string {
  let q = quoted.get(key);
  if (q === undefined) {
    q = `${JSON.stringify(key)}:`;
    if (key.length <= 64 && quoted.size < MAX_KEYS) quoted.set(key, q);
  }
  return q;
}
