// Turning a frame column into the type the pipeline expects, with the errors users can hit:
// text in a numeric column (the value and its line), ±Infinity in the data, a column the spec
// names that the data lacks. Errors are `bad-input` JobErrors, like the data phase's; those about
// a part of pipeline.yaml carry its dotted path (`specPath`) so the trainer can show its line.
import { JobError } from '../../../protocol/jobError';
import type { Frame, FrameColumn } from '../frame';

/** A problem with what pipeline.yaml asks for, found against the data (a column it names is absent ...). */
export class PipelineSpecError extends JobError {
  constructor(
    readonly specPath: string,
    message: string,
  ) {
    super('bad-input', message);
    this.name = 'PipelineSpecError';
  }
}

export function lineOf(frame: Frame, row: number): number {
  return frame.lineNumbers ? frame.lineNumbers[row] : row + 1;
}

/** "line 17" (or "row 17" without line numbers). */
export function whereRow(frame: Frame, row: number): string {
  return frame.lineNumbers ? `line ${frame.lineNumbers[row]}` : `row ${row + 1}`;
}

export function dataError(frame: Frame, row: number, message: string): JobError {
  return new JobError('bad-input', message, frame.lineNumbers ? { line: frame.lineNumbers[row] } : {});
}

/** Parses a text value as a number the way a data file would say it; NaN when it is not one. */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return NaN;
  const value = Number(trimmed);
  return value;
}

/** How a number becomes a category when a numeric column is treated as categorical. */
export function formatNumber(value: number): string | null {
  return Number.isNaN(value) ? null : String(value);
}

/** The first row whose text value is present but not a number, or -1. */
export function firstNonNumeric(values: ReadonlyArray<string | null>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && Number.isNaN(parseNumber(v))) return i;
  }
  return -1;
}

/** The column as numbers (NaN = missing); text that is not a number is refused with its line. */
export function numericValues(frame: Frame, column: FrameColumn, feature = column.name): Float64Array {
  let values: Float64Array;
  if (column.type === 'numeric') {
    values = column.values;
  } else {
    values = new Float64Array(column.values.length);
    for (let i = 0; i < values.length; i++) {
      const v = column.values[i];
      const parsed = v === null ? NaN : parseNumber(v);
      if (v !== null && Number.isNaN(parsed)) {
        throw dataError(
          frame,
          i,
          `Column "${column.name}" is numeric for the model, but ${whereRow(frame, i)} has "${v}": fix or blank the value (a blank is a missing value).`,
        );
      }
      values[i] = parsed;
    }
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === Infinity || v === -Infinity) {
      throw dataError(
        frame,
        i,
        `"${feature}" is ${v > 0 ? 'Infinity' : '-Infinity'} at ${whereRow(frame, i)}: models need finite numbers; blank the value to make it missing.`,
      );
    }
  }
  return values;
}

/** The column as categories (null = missing). */
export function categoricalValues(column: FrameColumn): ReadonlyArray<string | null> {
  if (column.type === 'categorical') return column.values;
  return Array.from(column.values, formatNumber);
}

export function requireColumn(frame: Frame, name: string, what: string): FrameColumn {
  const column = frame.columns.find((c) => c.name === name);
  if (!column) {
    throw new JobError(
      'bad-input',
      `The data has no column "${name}", which ${what}. Its columns: ${frame.columns.map((c) => c.name).join(', ')}.`,
    );
  }
  return column;
}
