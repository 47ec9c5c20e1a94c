// JSON.parse says *that* a text is invalid but, in Node 20, often not *where* ("Unexpected token
// '}', ... is not valid JSON"). On that slow path this small validator walks the text by the
// JSON grammar and returns the offset of the first character that breaks it.

class Stop {
  constructor(readonly at: number) {}
}

const HEX = /[0-9a-fA-F]/;
const ESCAPES = '"\\/bfnrt';

/** Offset of the first syntax error in `text`, or -1 when it is valid JSON. */
export function findJsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const fail = (): never => {
    throw new Stop(i);
  };
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    for (;;) {
      if (i >= n) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c !== 0x5c) {
        i++;
        continue;
      }
      i++;
      const escape = text[i];
      if (escape === 'u') {
        i++;
        for (let k = 0; k < 4; k++, i++) if (!HEX.test(text[i] ?? '')) fail();
      } else if (escape !== undefined && ESCAPES.includes(escape)) {
        i++;
      } else {
        fail();
      }
    }
  };
  const isDigit = () => i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39;
  const digits = () => {
    if (!isDigit()) fail();
    while (isDigit()) i++;
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const container = (close: string, member: () => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      space();
      member();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      container('}', () => {
        string();
        space();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    } else if (c === '[') container(']', value);
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    space();
    if (i < n) fail();
    return -1;
  } catch (error) {
    if (error instanceof Stop) return error.at;
    if (error instanceof RangeError) return -1; // nested too deep to walk: no position then
    throw error;
  }
}
