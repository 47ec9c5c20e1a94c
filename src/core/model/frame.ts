// A dataset loaded for modelling: one typed column per field, in file order. Numbers are
// Float64Array with NaN for missing; everything else is an array of strings with null for
// missing. Produced by loadFrame (DuckDB), consumed by the pipeline's preprocessing.

export type FrameColumn =
  | { name: string; type: 'numeric'; values: Float64Array }
  | { name: string; type: 'categorical'; values: Array<string | null> };

export interface Frame {
  rows: number;
  columns: FrameColumn[];
  /** 1-based line (CSV/NDJSON) or record number of each row in its source file, for error messages and worst-row reports. */
  lineNumbers?: Int32Array;
}

export function frameColumn(frame: Frame, name: string): FrameColumn | undefined {
  return frame.columns.find((c) => c.name === name);
}

/** The rows at `index`, in that order (used for folds, splits and slices). */
export function takeRows(frame: Frame, index: ArrayLike<number>): Frame {
  const n = index.length;
  const columns = frame.columns.map((c): FrameColumn => {
    if (c.type === 'numeric') {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = c.values[index[i]];
      return { name: c.name, type: 'numeric', values };
    }
    const values = new Array<string | null>(n);
    for (let i = 0; i < n; i++) values[i] = c.values[index[i]];
    return { name: c.name, type: 'categorical', values };
  });
  let lineNumbers: Int32Array | undefined;
  if (frame.lineNumbers) {
    lineNumbers = new Int32Array(n);
    for (let i = 0; i < n; i++) lineNumbers[i] = frame.lineNumbers[index[i]];
  }
  return { rows: n, columns, lineNumbers };
}
