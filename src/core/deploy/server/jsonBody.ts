// JSON as MLflow's scoring server reads it: Python's json module, which also accepts the bare
// tokens NaN, Infinity and -Infinity (pandas writes them). They are swapped for marker strings
// outside string literals, parsed, and turned back into numbers, so checkRows can refuse a NaN
// or an Infinity by name instead of the whole body failing as malformed.
import { malformed } from './errors';

const MARK = '\u0000mlcycle-number:';
/** The marker as JSON text (a control character must be escaped inside a JSON string). */
const MARK_JSON = '\\u0000mlcycle-number:';
const TOKENS: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function markNonFinite(text: string): string {
  let out = '';
  let i = 0;
  let last = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (ch === 'N' || ch === 'I' || ch === '-') {
      const token = ['-Infinity', 'Infinity', 'NaN'].find((t) => text.startsWith(t, i));
      if (token) {
        out += `${text.slice(last, i)}"${MARK_JSON}${token}"`;
        i += token.length;
        last = i;
        continue;
      }
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(markNonFinite(text), (_key, value: unknown) =>
      typeof value === 'string' && value.startsWith(MARK) ? TOKENS[value.slice(MARK.length)] : value,
    );
  } catch {
    throw malformed('Failed to parse input from JSON. Ensure that input is a valid JSON formatted string.');
  }
}
