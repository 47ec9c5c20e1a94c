// Path-dependent TreeSHAP on the available cores: the rows are cut in one chunk per thread; this
// thread explains the first (reporting progress) while worker threads explain the others, each
// with its own copy of the trees. Rows are independent, so the result is identical to one
// thread's, row for row. A cancel terminates the workers. The thread script is the bundle's
// dist/explainThread.js next to the running bundle, or explainThread.ts through tsx from sources.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ExplainChunk, FromExplainThread } from './explainThread';
import { explainTreesPath, type ExplainOptions, type ShapValues } from './treeExplainer';
import type { TreeSet } from './treeModels';

/** Below this many row × node visits a second thread costs more than it saves (~50 ms of work). */
export const explainThreadSettings = { minWork: 2_000_000 };

function threadEntry(): { code: string; eval: boolean } | null {
  if (__filename.endsWith('.ts')) {
    const entry = join(__dirname, 'explainThread.ts');
    const load = `const r = require('node:module').createRequire(${JSON.stringify(entry)}); r('tsx/cjs'); r(${JSON.stringify(entry)});`;
    return { code: load, eval: true };
  }
  for (const candidate of [join(__dirname, 'explainThread.js'), join(__dirname, '..', 'explainThread.js')])
    if (existsSync(candidate)) return { code: candidate, eval: false };
  return null;
}

function runChunk(entry: { code: string; eval: boolean }, chunk: ExplainChunk, signal?: AbortSignal) {
  return new Promise<{ values: Float64Array; output: Float64Array }>((resolve, reject) => {
    const worker = new Worker(entry.code, { eval: entry.eval });
    const stop = () => {
      void worker.terminate();
      reject(signal?.reason ?? new Error('cancelled'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (m: FromExplainThread) => {
      signal?.removeEventListener('abort', stop);
      void worker.terminate();
      if (m.type === 'done') resolve(m);
      else reject(new Error(m.message));
    });
    worker.once('error', (error) => {
      signal?.removeEventListener('abort', stop);
      reject(error);
    });
    worker.postMessage(chunk);
  });
}

export async function explainTreesPathThreaded(
  set: TreeSet,
  rows: Float64Array,
  features: number,
  options: ExplainOptions & { threads?: number } = {},
): Promise<ShapValues> {
  const n = rows.length / features;
  // Boosting trees share one node array; a forest's trees have their own.
  const nodes =
    set.trees[0]?.root !== undefined ? set.trees[0].nodeCount : set.trees.reduce((sum, t) => sum + t.nodeCount, 0);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), n));
  const entry = threadEntry();
  if (threads === 1 || !entry || n * nodes < explainThreadSettings.minWork)
    return explainTreesPath(set, rows, features, options);
  const per = Math.ceil(n / threads);
  const chunks = Array.from({ length: threads }, (_, c) =>
    rows.subarray(c * per * features, Math.min(n, (c + 1) * per) * features),
  );
  const others = chunks
    .slice(1)
    .map((chunk) => runChunk(entry, { set, rows: chunk.slice(), features }, options.signal));
  // Rejections are awaited below; until then keep them from counting as unhandled.
  for (const p of others) p.catch(() => undefined);
  const first = explainTreesPath(set, chunks[0], features, {
    ...(options.signal ? { signal: options.signal } : {}),
    // The other chunks go at about the same pace: report this one's progress for all.
    onRow: (done) => options.onRow?.(Math.min(n - 1, done * threads)),
  });
  const rest = await Promise.all(others);
  const outputs = set.outputs;
  const values = new Float64Array(n * features * outputs);
  const output = new Float64Array(n * outputs);
  values.set(first.values, 0);
  output.set(first.output, 0);
  let row = chunks[0].length / features;
  let worst = first.additivityError;
  for (const part of rest) {
    values.set(part.values, row * features * outputs);
    output.set(part.output, row * outputs);
    row += part.output.length / outputs;
  }
  // The additivity check over the workers' rows too.
  for (let i = first.rows; i < n; i++)
    for (let k = 0; k < outputs; k++) {
      let s = first.base[k];
      for (let f = 0; f < features; f++) s += values[(i * features + f) * outputs + k];
      const y = output[i * outputs + k];
      worst = Math.max(worst, Math.abs(s - y) / Math.max(1, Math.abs(y)));
    }
  options.onRow?.(n);
  return { rows: n, features, outputs, values, base: first.base, output, additivityError: worst };
}
