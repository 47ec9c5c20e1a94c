// The benchmark's yardstick: the bare DuckDB aggregate queries a person would write for the
// profile's core figures, with nothing around them — load the file, then count, exact distinct,
// quantiles, 30-bin histograms, and correlations (Pearson with corr(), Spearman as corr() of
// rank() windows) of the numeric columns. The profile has to stay close to this.
import { openDataset } from '../src/core/duckdb/openDataset';
import { quoteIdent } from '../src/core/duckdb/sql';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

export async function runBareQueries(path: string, correlated: string[]): Promise<void> {
  const data = await openDataset({ path });
  try {
    const table = data.table;
    const all = data.columns.map((c) => quoteIdent(c.name));
    const numeric = data.columns.filter((c) => NUMERIC.test(c.storageType)).map((c) => quoteIdent(c.name));
    await data.query(
      `SELECT count(*), ${all.map((c) => `count(${c}), count(DISTINCT ${c})`).join(', ')} FROM ${table}`,
    );
    if (numeric.length > 0) {
      await data.query(
        `SELECT ${numeric.map((c) => `quantile_cont(${c}, [0.05, 0.25, 0.5, 0.75, 0.95])`).join(', ')} FROM ${table}`,
      );
      const [range] = await data.query(
        `SELECT ${numeric.map((c, i) => `min(${c}) AS lo${i}, max(${c}) AS hi${i}`).join(', ')} FROM ${table}`,
      );
      for (const [i, c] of numeric.entries()) {
        const lo = Number(range[`lo${i}`]);
        const width = (Number(range[`hi${i}`]) - lo) / 30 || 1;
        await data.query(
          `SELECT least(floor((${c} - ${lo}) / ${width}), 29) AS bin, count(*) FROM ${table} WHERE ${c} IS NOT NULL GROUP BY bin`,
        );
      }
    }
    const pairs: string[][] = [];
    const names = correlated.map(quoteIdent);
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) pairs.push([names[i], names[j], `r${i}`, `r${j}`]);
    if (pairs.length > 0) {
      await data.query(`SELECT ${pairs.map(([a, b]) => `corr(${a}, ${b})`).join(', ')} FROM ${table}`);
      await data.query(
        `SELECT ${pairs.map(([, , ra, rb]) => `corr(${ra}, ${rb})`).join(', ')} FROM (SELECT ${names.map((c, i) => `CASE WHEN ${c} IS NOT NULL THEN rank() OVER (ORDER BY ${c}) END AS r${i}`).join(', ')} FROM ${table})`,
      );
    }
  } finally {
    data.close();
  }
}
