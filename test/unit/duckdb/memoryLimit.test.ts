// The data engine's memory limit reaches DuckDB from the option, else from the environment
// (how the editor's setting and the CLI user set it), else stays DuckDB's default.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { MEMORY_LIMIT_ENV, openDataset } from '../../../src/core/duckdb/openDataset';

const file = join(__dirname, '../../../examples/penguins/data/train.csv');

async function limitOf(options: { memoryLimit?: string } = {}): Promise<string> {
  const data = await openDataset({ path: file, ...options });
  try {
    const [row] = await data.query(`SELECT current_setting('memory_limit') AS v`);
    return String(row.v);
  } finally {
    data.close();
  }
}

test('the memory limit comes from the option, else from MLCYCLE_DUCKDB_MEMORY_LIMIT', async () => {
  const saved = process.env[MEMORY_LIMIT_ENV];
  try {
    delete process.env[MEMORY_LIMIT_ENV];
    const byDefault = await limitOf();
    process.env[MEMORY_LIMIT_ENV] = '512MB';
    const fromEnv = await limitOf();
    const fromOption = await limitOf({ memoryLimit: '256MB' });
    assert.match(fromEnv, /^(488\.2 MiB|512\.0 MB|512MB)$/);
    assert.match(fromOption, /^(244\.1 MiB|256\.0 MB|256MB)$/);
    assert.notEqual(byDefault, fromEnv);
  } finally {
    if (saved === undefined) delete process.env[MEMORY_LIMIT_ENV];
    else process.env[MEMORY_LIMIT_ENV] = saved;
  }
});
