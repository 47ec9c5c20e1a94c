// The small expression language of derived features ("`Beak Length (mm)` / `Beak Depth (mm)`"):
// numbers, column names (bare identifiers or `backticked`), + - * / ^, unary minus, parentheses
// and a fixed set of functions. Parsed here by a recursive-descent parser into a tree and
// evaluated column-wise on typed arrays: never eval or new Function, so an expression can only
// compute numbers from columns, whatever it says (`constructor`, `process.exit()` ...).
//
// Precedence, loosest first: + -, then * /, then unary minus, then ^ (right-associative, so
// -2^2 = -4 and 2^3^2 = 512, as in Python).

export type ExpressionNode =
  | { type: 'number'; value: number; offset: number }
  | { type: 'column'; name: string; offset: number }
  | { type: 'negate'; operand: ExpressionNode; offset: number }
  | { type: 'binary'; op: '+' | '-' | '*' | '/' | '^'; left: ExpressionNode; right: ExpressionNode; offset: number }
  | { type: 'call'; fn: string; args: ExpressionNode[]; offset: number };

/** A syntax error; `offset` is the 0-based character position inside the expression. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type Fn = { arity: [number, number]; apply(args: Float64Array[], out: Float64Array): void };

function unary(f: (x: number) => number): Fn {
  return {
    arity: [1, 1],
    apply([a], out) {
      for (let i = 0; i < out.length; i++) out[i] = f(a[i]);
    },
  };
}

function nary(f: (x: number, y: number) => number, min: number, max: number): Fn {
  return {
    arity: [min, max],
    apply(args, out) {
      out.set(args[0]);
      for (let k = 1; k < args.length; k++) {
        const b = args[k];
        for (let i = 0; i < out.length; i++) out[i] = f(out[i], b[i]);
      }
    },
  };
}

/** NaN-propagating min/max (Math.min already propagates NaN). */
const FUNCTIONS: ReadonlyMap<string, Fn> = new Map<string, Fn>([
  ['log', unary(Math.log)],
  ['log1p', unary(Math.log1p)],
  ['exp', unary(Math.exp)],
  ['sqrt', unary(Math.sqrt)],
  ['abs', unary(Math.abs)],
  ['min', nary(Math.min, 2, 16)],
  ['max', nary(Math.max, 2, 16)],
  ['pow', nary(Math.pow, 2, 2)],
  [
    'clip',
    {
      arity: [3, 3],
      apply([x, lo, hi], out) {
        for (let i = 0; i < out.length; i++) out[i] = x[i] < lo[i] ? lo[i] : x[i] > hi[i] ? hi[i] : x[i];
      },
    },
  ],
]);

export const EXPRESSION_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys()];

type Token =
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'name'; value: string; offset: number }
  | { kind: 'quoted'; value: string; offset: number }
  | { kind: 'op'; value: string; offset: number }
  | { kind: 'end'; offset: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if ((c >= '0' && c <= '9') || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', value: Number(match[0]), offset: i });
      i += match[0].length;
      if (/[A-Za-z_]/.test(text[i] ?? ''))
        throw new ExpressionError(
          `"${match[0]}${text[i]}" is not a number; put a column name that starts with a digit in backticks.`,
          i,
        );
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'name', value: match[0], offset: i });
      i += match[0].length;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      if (close === -1) throw new ExpressionError('This backticked column name is not closed: add the closing `.', i);
      if (close === i + 1) throw new ExpressionError('Empty column name ``.', i);
      tokens.push({ kind: 'quoted', value: text.slice(i + 1, close), offset: i });
      i = close + 1;
    } else if ('+-*/^(),'.includes(c)) {
      tokens.push({ kind: 'op', value: c, offset: i });
      i++;
    } else {
      const hint =
        c === '.'
          ? ' (no properties or methods: only numbers, columns, operators and functions)'
          : c === '"' || c === "'"
            ? ' (write column names with spaces in `backticks`)'
            : '';
      throw new ExpressionError(`Unexpected character "${c}"${hint}.`, i);
    }
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index];
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.value === value;
  }

  private expect(value: string, what: string): void {
    if (!this.isOp(value)) throw new ExpressionError(`Expected ${what} here.`, this.peek().offset);
    this.index++;
  }

  parse(): ExpressionNode {
    if (this.peek().kind === 'end') throw new ExpressionError('The expression is empty.', 0);
    const node = this.additive();
    const rest = this.peek();
    if (rest.kind !== 'end')
      throw new ExpressionError('Expected an operator (+ - * / ^) or the end of the expression here.', rest.offset);
    return node;
  }

  private additive(): ExpressionNode {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.tokens[this.index++] as { value: '+' | '-'; offset: number };
      left = { type: 'binary', op: op.value, left, right: this.multiplicative(), offset: op.offset };
    }
    return left;
  }

  private multiplicative(): ExpressionNode {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/')) {
      const op = this.tokens[this.index++] as { value: '*' | '/'; offset: number };
      if (this.isOp('*')) throw new ExpressionError('Use ^ for powers.', op.offset);
      left = { type: 'binary', op: op.value, left, right: this.unary(), offset: op.offset };
    }
    return left;
  }

  private unary(): ExpressionNode {
    if (this.isOp('-')) {
      const offset = this.tokens[this.index++].offset;
      return { type: 'negate', operand: this.unary(), offset };
    }
    if (this.isOp('+')) {
      this.index++;
      return this.unary();
    }
    return this.power();
  }

  private power(): ExpressionNode {
    const base = this.primary();
    if (this.isOp('^')) {
      const offset = this.tokens[this.index++].offset;
      return { type: 'binary', op: '^', left: base, right: this.unary(), offset };
    }
    return base;
  }

  private primary(): ExpressionNode {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.index++;
        return { type: 'number', value: t.value, offset: t.offset };
      case 'quoted':
        this.index++;
        return { type: 'column', name: t.value, offset: t.offset };
      case 'name': {
        this.index++;
        if (!this.isOp('(')) return { type: 'column', name: t.value, offset: t.offset };
        const fn = FUNCTIONS.get(t.value);
        if (!fn)
          throw new ExpressionError(
            `Unknown function "${t.value}" (known: ${EXPRESSION_FUNCTIONS.join(', ')}).`,
            t.offset,
          );
        this.index++;
        const args: ExpressionNode[] = [];
        if (!this.isOp(')')) {
          for (;;) {
            args.push(this.additive());
            if (!this.isOp(',')) break;
            this.index++;
          }
        }
        this.expect(')', `")" closing ${t.value}(`);
        const [min, max] = fn.arity;
        if (args.length < min || args.length > max) {
          const wanted = min === max ? `${min}` : `${min} to ${max}`;
          throw new ExpressionError(
            `${t.value}() takes ${wanted} argument${max === 1 ? '' : 's'}, not ${args.length}.`,
            t.offset,
          );
        }
        return { type: 'call', fn: t.value, args, offset: t.offset };
      }
      case 'op':
        if (t.value === '(') {
          this.index++;
          const inner = this.additive();
          this.expect(')', 'a closing ")"');
          return inner;
        }
        throw new ExpressionError(`Expected a number, a column or "(" here, not "${t.value}".`, t.offset);
      default:
        throw new ExpressionError('The expression ends too early: expected a number, a column or "(".', t.offset);
    }
  }
}

export function parseExpression(text: string): ExpressionNode {
  return new Parser(tokenize(text)).parse();
}

/** Column names the expression reads, each once, in order of first use, with its offset. */
export function expressionColumns(node: ExpressionNode): Array<{ name: string; offset: number }> {
  const seen = new Map<string, number>();
  const visit = (n: ExpressionNode): void => {
    switch (n.type) {
      case 'column':
        if (!seen.has(n.name)) seen.set(n.name, n.offset);
        break;
      case 'negate':
        visit(n.operand);
        break;
      case 'binary':
        visit(n.left);
        visit(n.right);
        break;
      case 'call':
        n.args.forEach(visit);
        break;
    }
  };
  visit(node);
  return [...seen].map(([name, offset]) => ({ name, offset }));
}

/** Evaluates the expression on `rows` rows; `column(name)` gives a numeric input column. */
export function evaluateExpression(
  node: ExpressionNode,
  rows: number,
  column: (name: string) => Float64Array,
): Float64Array {
  switch (node.type) {
    case 'number':
      return new Float64Array(rows).fill(node.value);
    case 'column':
      return column(node.name);
    case 'negate': {
      const a = evaluateExpression(node.operand, rows, column);
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) out[i] = -a[i];
      return out;
    }
    case 'binary': {
      const a = evaluateExpression(node.left, rows, column);
      const b = evaluateExpression(node.right, rows, column);
      const out = new Float64Array(rows);
      switch (node.op) {
        case '+':
          for (let i = 0; i < rows; i++) out[i] = a[i] + b[i];
          break;
        case '-':
          for (let i = 0; i < rows; i++) out[i] = a[i] - b[i];
          break;
        case '*':
          for (let i = 0; i < rows; i++) out[i] = a[i] * b[i];
          break;
        case '/':
          for (let i = 0; i < rows; i++) out[i] = a[i] / b[i];
          break;
        case '^':
          for (let i = 0; i < rows; i++) out[i] = Math.pow(a[i], b[i]);
          break;
      }
      return out;
    }
    case 'call': {
      const args = node.args.map((a) => evaluateExpression(a, rows, column));
      const out = new Float64Array(rows);
      (FUNCTIONS.get(node.fn) as Fn).apply(args, out);
      return out;
    }
  }
}
