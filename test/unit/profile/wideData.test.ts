// A wide file (1,000 columns × 200 rows, generated from a seed) profiles without error; its
// per-column statistics match pandas, the capped correlation matrices hold pandas' .corr()
// values for their pairs, the profile says which matrices were capped and how, and an engine
// failure comes out in our words, never DuckDB's raw message.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { engineError } from '../../../src/core/duckdb/duckdbErrors';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import { describeLimit, MAX_PAIRWISE_COLUMNS } from '../../../src/core/profile/pairwiseLimits';
import type { DatasetProfile } from '../../../src/core/profile/profileTypes';
import { JobError } from '../../../src/protocol/jobError';
// @ts-expect-error: a plain ES module shared with the benchmark (no type declarations)
import { writeWideCsv } from '../../../bench/generateWideCsv.mjs';
import { close, columnOf, correlationRatio, cramersV, parseSimpleCsv } from './reference';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';
const COLUMNS = 1000;
const ROWS = 200;
const dir = mkdtempSync(join(tmpdir(), 'mlcycle-wide-'));
const path = join(dir, 'wide.csv');
after(() => rmSync(dir, { recursive: true, force: true }));

const ctx = () => ({ signal: new AbortController().signal, report: () => undefined });

interface PandasFacts {
  stats: Record<string, { mean: number | null; std: number | null; missing: number; distinct: number }>;
  corr: Array<[string, string, number | null]>;
}

/** pandas' describe-like figures for `columns`, and .corr() for `pairs` (pairwise-complete, as pandas does). */
function pandasFacts(columns: string[], pairs: Array<[string, string]>): PandasFacts {
  const program = `import json, sys, math
import pandas as pd
df = pd.read_csv(sys.argv[1])
spec = json.loads(sys.stdin.read())
def num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)
stats = {}
for c in spec["columns"]:
    s = df[c]
    numeric = pd.api.types.is_numeric_dtype(s)
    stats[c] = {"mean": num(s.mean()) if numeric else None, "std": num(s.std()) if numeric else None,
                "missing": int(s.isna().sum()), "distinct": int(s.nunique())}
names = sorted({n for p in spec["pairs"] for n in p}, key=lambda n: int(n[1:]))
m = df[names].corr()
corr = [[a, b, num(m.loc[a, b])] for a, b in spec["pairs"]]
print(json.dumps({"stats": stats, "corr": corr}))`;
  const run = spawnSync(PYTHON, ['-c', program, path], {
    input: JSON.stringify({ columns, pairs }),
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`pandas reference failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as PandasFacts;
}

describe('a wide file (1,000 columns × 200 rows)', () => {
  let profile: DatasetProfile;
  before(async () => {
    writeWideCsv(path, COLUMNS, ROWS, 11);
    profile = await profileDataset({ path }, ctx());
  });

  it('profiles every column, and the profile (its note included) is valid against the schema', () => {
    assert.equal(profile.rows, ROWS);
    assert.equal(profile.columns.length, COLUMNS);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(join(process.cwd(), 'schemas/profile.schema.json'), 'utf8')),
    );
    assert.ok(validate(profile), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('caps each pairwise matrix at 100 columns and says so, with the rule', () => {
    const pearson = profile.correlations.pearson;
    assert.ok(pearson);
    assert.equal(pearson.columns.length, MAX_PAIRWISE_COLUMNS);
    assert.deepEqual(profile.correlations.spearman?.columns, pearson.columns);
    assert.equal(profile.correlations.cramersV?.columns.length, MAX_PAIRWISE_COLUMNS);
    assert.equal(profile.missing.nullity?.columns.length, MAX_PAIRWISE_COLUMNS);
    const limits = profile.pairwiseLimits ?? [];
    const numeric = profile.columns.filter((c) => c.type === 'numeric').length;
    const numericLimit = limits.find((l) => l.matrices.includes('pearson'));
    assert.ok(numericLimit, 'a note for the numeric matrices');
    assert.deepEqual(numericLimit.matrices, ['pearson', 'spearman', 'correlationRatio']);
    assert.equal(numericLimit.kept, MAX_PAIRWISE_COLUMNS);
    assert.equal(numericLimit.eligible, numeric);
    assert.match(numericLimit.rule, /most distinct values/);
    assert.match(
      describeLimit(numericLimit),
      new RegExp(`^Pearson, Spearman and correlation ratio: 100 of ${numeric} columns, the numeric columns`),
    );
    assert.ok(limits.some((l) => l.matrices.includes('cramersV') && l.kept === MAX_PAIRWISE_COLUMNS));
    const nullity = limits.find((l) => l.matrices.includes('nullity'));
    assert.equal(nullity?.eligible, profile.missing.byColumn.length);
    // Kept by the rule: no numeric column left out has more distinct values than one kept.
    const distinct = new Map(profile.columns.map((c) => [c.name, c.distinct]));
    const kept = new Set(pearson.columns);
    const fewestKept = Math.min(...pearson.columns.map((n) => distinct.get(n) ?? 0));
    for (const c of profile.columns)
      if (c.type === 'numeric' && !kept.has(c.name)) assert.ok(c.distinct <= fewestKept, c.name);
  });

  it('matches pandas: per-column figures for a sample of columns and .corr() for the kept pairs', () => {
    const sample = profile.columns.filter((_, i) => i % 37 === 0);
    const pearson = profile.correlations.pearson;
    assert.ok(pearson);
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i < pearson.columns.length; i += 9)
      for (let j = i + 1; j < pearson.columns.length; j += 13) pairs.push([pearson.columns[i], pearson.columns[j]]);
    const facts = pandasFacts(
      sample.map((c) => c.name),
      pairs,
    );
    for (const column of sample) {
      const expected = facts.stats[column.name];
      assert.equal(column.missing, expected.missing, `${column.name} missing`);
      assert.equal(column.distinct, expected.distinct, `${column.name} distinct`);
      if (column.type !== 'numeric') continue;
      assert.ok(close(column.mean, expected.mean as number), `${column.name} mean ${column.mean} vs ${expected.mean}`);
      assert.ok(close(column.std, expected.std as number), `${column.name} std ${column.std} vs ${expected.std}`);
    }
    assert.ok(pairs.length > 50);
    for (const [a, b, expected] of facts.corr) {
      const value: number | null = pearson.values[pearson.columns.indexOf(a)][pearson.columns.indexOf(b)];
      if (expected === null) assert.equal(value, null);
      else assert.ok(close(value, expected, 1e-9), `${a}, ${b}: ${value} vs ${expected}`);
    }
  });

  it("computes the capped Cramér's V and correlation ratios as the reference does", () => {
    const rows = parseSimpleCsv(readFileSync(path, 'utf8'));
    const v = profile.correlations.cramersV;
    const eta = profile.correlations.correlationRatio;
    assert.ok(v && eta);
    for (let i = 0; i < v.columns.length; i += 17)
      for (let j = i + 1; j < v.columns.length; j += 23) {
        const expected = cramersV(columnOf(rows, v.columns[i]), columnOf(rows, v.columns[j]));
        assert.ok(
          close(v.values[i][j], expected),
          `${v.columns[i]}, ${v.columns[j]}: ${v.values[i][j]} vs ${expected}`,
        );
      }
    for (let i = 0; i < eta.rows.length; i += 19)
      for (let j = 0; j < eta.columns.length; j += 29) {
        const expected = correlationRatio(columnOf(rows, eta.rows[i]), columnOf(rows, eta.columns[j]));
        assert.ok(close(eta.values[i][j], expected), `${eta.rows[i]}, ${eta.columns[j]}`);
      }
  });

  it('reports an engine failure in our words (what failed, which file, a hint), not DuckDB raw', async () => {
    await assert.rejects(profileDataset({ path }, ctx(), { memoryLimit: '4MB', threads: 1 }), (error: unknown) => {
      assert.ok(error instanceof JobError, String(error));
      assert.doesNotMatch(error.message, /^Out of Memory Error|^[A-Za-z ]+Error:/);
      assert.match(error.message, /wide\.csv/);
      assert.match(error.message, /ran out of memory/);
      assert.match(error.message, /--sample|MLCYCLE_DUCKDB_MEMORY_LIMIT/);
      return true;
    });
  });

  it('puts any other engine error in a sentence naming the stage and the file', () => {
    const raw = new Error(
      'Binder Error: GROUPING statement cannot have more than 64 groups\n\nLINE 1: SELECT grouping_id(g0',
    );
    const error = engineError(raw, 'categorical associations', 'data/wide.csv', '/p/data/wide.csv');
    assert.equal(error.file, '/p/data/wide.csv');
    assert.match(error.message, /^Profiling data\/wide\.csv failed while categorical associations: GROUPING statement/);
    assert.doesNotMatch(error.message, /Binder Error|LINE 1/);
  });
});
