// The explainers work on rows of numbers; an external model takes the raw columns its trainer was
// given, text included. This codec turns a frame's input columns into row-major numbers (a
// numeric column's value, a categorical column's index in a category list, NaN for missing) and
// back. The model-agnostic explainers only ever move whole values between rows (a hybrid row
// takes each column from the explained row or from a background row), so every decoded cell is
// a value some real row had.
import { JobError } from '../../protocol/jobError';
import type { Frame, FrameColumn } from '../model/frame';

export interface RawColumn {
  name: string;
  type: 'numeric' | 'categorical';
}

export class RawColumnCodec {
  private readonly categories: string[][];
  private readonly codes: Array<Map<string, number>>;

  constructor(readonly columns: RawColumn[]) {
    this.categories = columns.map(() => []);
    this.codes = columns.map(() => new Map());
  }

  get features(): number {
    return this.columns.length;
  }

  private code(c: number, value: string): number {
    let code = this.codes[c].get(value);
    if (code === undefined) {
      code = this.categories[c].length;
      this.categories[c].push(value);
      this.codes[c].set(value, code);
    }
    return code;
  }

  /** The frame's input columns (by name) as row-major numbers, rows × features. */
  encode(frame: Frame, shown: string): Float64Array {
    const M = this.columns.length;
    const out = new Float64Array(frame.rows * M);
    this.columns.forEach((input, c) => {
      const column = frame.columns.find((col) => col.name === input.name);
      if (!column) throw new JobError('bad-input', `${shown} lacks the column "${input.name}".`);
      for (let i = 0; i < frame.rows; i++) out[i * M + c] = this.encodeCell(c, column, i, shown);
    });
    return out;
  }

  private encodeCell(c: number, column: FrameColumn, i: number, shown: string): number {
    const input = this.columns[c];
    if (column.type === 'numeric') {
      const v = column.values[i];
      if (input.type === 'numeric' || Number.isNaN(v)) return v;
      return this.code(c, String(v));
    }
    const text = column.values[i];
    if (text === null) return NaN;
    if (input.type === 'categorical') return this.code(c, text);
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v))
      throw new JobError(
        'bad-input',
        `${shown}: column "${input.name}" holds "${text}" (row ${i + 1}), and the model was trained on numbers there.`,
      );
    return v;
  }

  /** Row-major numbers back into a frame of the input columns, in the trainer's order. */
  decode(rows: Float64Array, n: number): Frame {
    const M = this.columns.length;
    const columns = this.columns.map((input, c): FrameColumn => {
      if (input.type === 'numeric') {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = rows[i * M + c];
        return { name: input.name, type: 'numeric', values };
      }
      const names = this.categories[c];
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) {
        const code = rows[i * M + c];
        values[i] = Number.isNaN(code) ? null : (names[code] ?? null);
      }
      return { name: input.name, type: 'categorical', values };
    });
    return { rows: n, columns };
  }
}
