// The access and prediction log: one JSON object per line, appended, for every request the
// server answers (the monitoring phase reads it): time, request id, route, status, latency,
// model and version, and for predictions the row count and a summary of the inputs (per
// column: missing count, and min/mean/max or the category counts) and of the outputs (label
// counts or min/mean/max). Rows themselves are never written.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { ModelSignature } from '../signature';
import type { Predictions } from './predictor';

export interface AccessEntry {
  time: string;
  requestId: string;
  method: string;
  route: string;
  status: number;
  latencyMs: number;
  model: string;
  version: string;
  protocol?: 'mlflow' | 'v2';
  rows?: number;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  errorCode?: string;
  error?: string;
}

function numberSummary(values: number[]) {
  const present = values.filter((v) => Number.isFinite(v));
  if (present.length === 0) return { missing: values.length };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of present) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { missing: values.length - present.length, min, mean: sum / present.length, max };
}

function counts(values: Array<string | null>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v ?? '<missing>'] = (out[v ?? '<missing>'] ?? 0) + 1;
  return out;
}

export function summarizeInputs(
  signature: ModelSignature,
  rows: ReadonlyArray<Record<string, unknown>>,
): Record<string, unknown> {
  return Object.fromEntries(
    signature.inputs.map((c) => {
      const values = rows.map((r) => r[c.name]);
      if (c.type === 'numeric') return [c.name, numberSummary(values.map((v) => (typeof v === 'number' ? v : NaN)))];
      const text = values.map((v) => (v === null || v === undefined ? null : String(v)));
      return [c.name, { missing: text.filter((v) => v === null).length, counts: counts(text) }];
    }),
  );
}

export function summarizeOutputs(p: Predictions): Record<string, unknown> {
  if (p.values) return { value: numberSummary(p.values) };
  return { labels: counts(p.labels ?? []) };
}

export class AccessLog {
  private readonly stream: WriteStream;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path, { flags: 'a' });
    this.stream.on('error', () => undefined);
  }

  write(entry: AccessEntry): void {
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }

  /** Resolves once every entry written so far is in the file. */
  flush(): Promise<void> {
    return new Promise((resolve) => this.stream.write('', () => resolve()));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
