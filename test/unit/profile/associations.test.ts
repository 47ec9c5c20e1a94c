// Cramér's V and the correlation ratio come out the same whether they are rolled up from the
// finest cells or grouped set by set (the path for many categories), and match the reference.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDataset, quoteIdent } from '../../../src/core/duckdb/openDataset';
import { categoricalAssociations, poolMoments } from '../../../src/core/profile/associations';
import * as ref from './reference';

const PENGUINS = join(process.cwd(), 'node_modules/vega-datasets/data/penguins.json');

describe('categorical associations', () => {
  it('agree between the finest-cells and the grouping-sets paths, and with the reference', async () => {
    const rows = JSON.parse(readFileSync(PENGUINS, 'utf8')) as ref.Row[];
    const data = await openDataset({ path: PENGUINS });
    try {
      const cat = (name: string, index: number, distinct: number) => ({
        index,
        name,
        distinct,
        rowValue: `CAST(${quoteIdent(name)} AS VARCHAR)`,
      });
      const num = (name: string, index: number) => ({ index, name, rowValue: `CAST(${quoteIdent(name)} AS DOUBLE)` });
      const numeric = [num('Body Mass (g)', 5), num('Beak Depth (mm)', 3)];
      const few = await categoricalAssociations(
        data.query,
        data.table,
        [cat('Species', 0, 3), cat('Island', 1, 3), cat('Sex', 6, 3)],
        numeric,
      );
      const many = await categoricalAssociations(
        data.query,
        data.table,
        [cat('Species', 0, 1e6), cat('Island', 1, 1e6), cat('Sex', 6, 1e6)],
        numeric,
      );
      assert.deepEqual(many.cramersV?.columns, few.cramersV?.columns);
      few.cramersV?.values.forEach((row, i) =>
        row.forEach((v, j) => {
          const other = many.cramersV?.values[i][j] ?? null;
          if (v === null) assert.equal(other, null);
          else assert.ok(ref.close(other, v), `${i},${j}: ${other} vs ${v}`);
        }),
      );
      assert.ok(
        ref.close(
          few.cramersV?.values[0][2] ?? null,
          ref.cramersV(ref.columnOf(rows, 'Species'), ref.columnOf(rows, 'Sex')),
        ),
      );
      for (const result of [few, many]) {
        const eta = result.correlationRatio;
        assert.ok(eta);
        assert.ok(
          ref.close(
            eta.values[1][0],
            ref.correlationRatio(ref.columnOf(rows, 'Island'), ref.columnOf(rows, 'Body Mass (g)')),
          ),
        );
        assert.ok(
          ref.close(
            eta.values[2][1],
            ref.correlationRatio(ref.columnOf(rows, 'Sex'), ref.columnOf(rows, 'Beak Depth (mm)')),
          ),
        );
      }
    } finally {
      data.close();
    }
  });

  it('pools group means and variances exactly', () => {
    const a = [1, 2, 3, 10];
    const b = [4, 4.5, 20];
    const moments = (xs: number[]) => ({
      n: xs.length,
      mean: ref.mean(xs),
      variance: xs.reduce((s, x) => s + (x - ref.mean(xs)) ** 2, 0) / xs.length,
    });
    const pooled = poolMoments([moments(a), moments(b)]);
    const all = moments([...a, ...b]);
    assert.equal(pooled.n, all.n);
    assert.ok(ref.close(pooled.mean, all.mean));
    assert.ok(ref.close(pooled.variance, all.variance));
  });
});
