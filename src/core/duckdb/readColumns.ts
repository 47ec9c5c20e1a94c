// Streams a query's numeric columns into Float64Arrays, chunk by chunk, without building a JS
// object per value: the fast way to hand a million numbers to JavaScript. The query must yield
// only DOUBLE or INTEGER-sized columns without NULLs (cast and filter in SQL); their vectors are
// copied as whole typed arrays. Cancellable like queryRows.
import type { DuckDBConnection } from '@duckdb/node-api';
import { JobError } from '../../protocol/jobError';

function grow(array: Float64Array, needed: number): Float64Array {
  if (needed <= array.length) return array;
  const next = new Float64Array(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

export async function readDoubleColumns(
  connection: DuckDBConnection,
  sql: string,
  columnCount: number,
  capacity: number,
  signal?: AbortSignal,
): Promise<Float64Array[]> {
  if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.');
  const onAbort = () => connection.interrupt();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await connection.stream(sql);
    let columns: Float64Array[] = Array.from({ length: columnCount }, () => new Float64Array(Math.max(1, capacity)));
    let length = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const size = chunk.rowCount;
      columns = columns.map((column) => grow(column, length + size));
      for (let c = 0; c < columnCount; c++) {
        const vector = chunk.getColumnVector(c) as unknown as { items?: unknown; getItem(i: number): unknown };
        const items = vector.items;
        if (
          items instanceof Float64Array ||
          items instanceof Float32Array ||
          items instanceof Int32Array ||
          items instanceof Uint32Array ||
          items instanceof Int16Array ||
          items instanceof Int8Array
        ) {
          columns[c].set(items.subarray(0, size), length);
        } else {
          for (let i = 0; i < size; i++) columns[c][length + i] = Number(vector.getItem(i));
        }
      }
      length += size;
      if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.');
    }
    return columns.map((column) => column.subarray(0, length));
  } catch (error) {
    if (signal?.aborted) throw new JobError('cancelled', 'The job was cancelled.', {}, { cause: error });
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
