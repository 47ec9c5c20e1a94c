// Explicit sampling, only when asked for: the first N rows, N random rows (reproducible from a
// seed, whatever the thread count: rows are ordered by a hash of their position and the seed),
// or N rows stratified by the target (each class keeps its share, at least one row). The
// sample keeps file order, so monotonicity and the sample rows still mean something.
import { JobError } from '../../protocol/jobError';
import { quoteIdent } from '../duckdb/sql';
import type { ProfileParams, ProfileSampling } from './profileTypes';
import type { ProfileQuery } from './profileQuery';

export const SAMPLE_TABLE = quoteIdent('profile_sample');
export const DEFAULT_SEED = 0;

export interface SampledTable {
  table: string;
  sampling: ProfileSampling;
}

export async function sampleTable(
  query: ProfileQuery,
  table: string,
  rows: number,
  request: ProfileParams['sampling'],
  target: string | undefined,
): Promise<SampledTable> {
  if (!request) return { table, sampling: { mode: 'exact', rows } };
  const size = Math.floor(request.rows);
  if (!Number.isFinite(size) || size < 1)
    throw new JobError('bad-input', `A sample needs a positive number of rows (got ${request.rows}).`);
  const seed = Math.floor(request.seed ?? DEFAULT_SEED);
  const sampling: ProfileSampling = { mode: request.mode, rows: Math.min(size, rows) };
  if (request.mode !== 'first') sampling.seed = seed;
  if (size >= rows) return { table, sampling };
  const order = `hash(rowid, ${seed})`;
  let select: string;
  switch (request.mode) {
    case 'first':
      select = `SELECT * FROM ${table} ORDER BY rowid LIMIT ${size}`;
      break;
    case 'random':
      select = `SELECT * EXCLUDE (profile_row) FROM (SELECT *, rowid AS profile_row FROM ${table} ORDER BY ${order} LIMIT ${size}) ORDER BY profile_row`;
      break;
    case 'stratified': {
      if (!target) throw new JobError('bad-input', 'Stratified sampling needs a target column (--target).');
      const by = quoteIdent(target);
      select = `SELECT * EXCLUDE (profile_row, profile_rank, profile_class) FROM (
          SELECT *, rowid AS profile_row,
            row_number() OVER (PARTITION BY ${by} ORDER BY ${order}) AS profile_rank,
            count(*) OVER (PARTITION BY ${by}) AS profile_class
          FROM ${table})
        WHERE profile_rank <= greatest(1, round(profile_class * ${size} / ${rows}))
        ORDER BY profile_row`;
      break;
    }
    default:
      throw new JobError(
        'bad-input',
        `Unknown sampling mode "${String((request as { mode: unknown }).mode)}" (first, random or stratified).`,
      );
  }
  await query(`CREATE OR REPLACE TEMP TABLE ${SAMPLE_TABLE} AS ${select}`);
  const [{ n }] = await query(`SELECT count(*) AS n FROM ${SAMPLE_TABLE}`);
  sampling.rows = Number(n);
  return { table: SAMPLE_TABLE, sampling };
}
