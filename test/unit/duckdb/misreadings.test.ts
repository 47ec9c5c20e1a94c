// What the loader used to misread in silence: repeated and empty header names renamed, numbers
// with a decimal comma read as text, a numeric column broken by one stray value, dates in two
// formats. Real data (penguins, vega-datasets) altered the way exports alter it; pandas is the
// reference for which columns it renames, what it reads as numbers and how many dates parse.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { inspect } from '../../../src/core/data/inspect';
import { inspectionRecord } from '../../../src/core/datasetRecords';
import { headerNameProblems } from '../../../src/core/data/headerNames';
import { openDataset } from '../../../src/core/duckdb/openDataset';
import { loadFrame } from '../../../src/core/model/loadFrame';
import { profile } from '../../../src/core/profile/profileDataset';
import { JobError } from '../../../src/protocol/jobError';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';
const PENGUINS = join(process.cwd(), 'examples/penguins/data/train.csv');
const dir = mkdtempSync(join(tmpdir(), 'mlcycle-misread-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ctx = () => ({ signal: new AbortController().signal, report: () => undefined });

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs a pandas snippet on `path` (variable `path`); it assigns `result`, which comes back as JSON. */
function pandas<T>(path: string, script: string): T {
  const program = `import json, sys\nimport pandas as pd\npath = sys.argv[1]\nresult = None\n${script}\nprint(json.dumps(result, default=str))`;
  const run = spawnSync(PYTHON, ['-c', program, path], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pandas reference failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const penguinLines = () => readFileSync(PENGUINS, 'utf8').split('\n');

describe('repeated and empty column names', () => {
  // Penguins with column 5 named like column 3 and column 7 (Sex) left without a name.
  const lines = penguinLines();
  const header = lines[0].split(',');
  header[4] = header[2];
  header[6] = '';
  const path = write('renamed.csv', [header.join(','), ...lines.slice(1)].join('\n'));

  it('finds the columns pandas renames too', () => {
    const renamedByPandas = pandas<number[]>(
      path,
      `cols = list(pd.read_csv(path).columns)\nraw = open(path).readline().rstrip('\\n').split(',')\nresult = [i + 1 for i, (c, r) in enumerate(zip(cols, raw)) if c != r]`,
    );
    const problems = headerNameProblems(header);
    assert.deepEqual(renamedByPandas, [5, 7]);
    assert.deepEqual(
      problems.map((p) => [p.kind, p.positions]),
      [
        ['duplicate', [3, 5]],
        ['empty', [7]],
      ],
    );
    // DuckDB's own rule: names compared trimmed and ignoring case.
    assert.deepEqual(
      headerNameProblems(['A', 'a', ' b', 'b ', ' ']).map((p) => p.positions),
      [[1, 2], [3, 4], [5]],
    );
  });

  it('the profile alerts, naming the positions and the names the columns were read as', async () => {
    const result = await profile({ path }, ctx());
    const alerts = result.alerts.filter((a) => a.type === 'column_name');
    assert.deepEqual(
      alerts.map((a) => a.message),
      [
        'Header (line 1): columns 3 and 5 are both named "Beak Length (mm)" (read as "Beak Length (mm)" and "Beak Length (mm)_1"). The columns were renamed to tell them apart; give each column its own name in the header row.',
        'Header (line 1): column 7 has no name (read as "column6"). The column was given a generated name; give each column its own name in the header row.',
      ],
    );
    assert.deepEqual(
      alerts.map((a) => a.column),
      ['Beak Length (mm)_1', 'column6'],
    );
  });

  it('inspect reports them', async () => {
    const result = await inspect({ path }, ctx());
    assert.deepEqual(
      result.columnNameProblems?.map((p) => p.positions),
      [[3, 5], [7]],
    );
    const record = inspectionRecord(dir, 'train', result);
    assert.equal(record.outcome, 'fail');
    assert.match(
      record.summary ?? '',
      /^renamed\.csv: 241 rows × 7 columns, but columns 3 and 5 are both named "Beak Length \(mm\)"; column 7 has no name\.$/,
    );
    const clean = await inspect({ path: PENGUINS }, ctx());
    assert.equal(clean.columnNameProblems, undefined);
    assert.equal(inspectionRecord(dir, 'train', clean).outcome, 'pass');
  });

  it('training refuses the file, naming the line and positions', async () => {
    await assert.rejects(loadFrame({ root: dir, path: 'renamed.csv' }), (error: unknown) => {
      assert.ok(error instanceof JobError);
      assert.equal(error.line, 1);
      assert.match(
        error.message,
        /^renamed\.csv:1: columns 3 and 5 are both named "Beak Length \(mm\)" \(read as .*\); column 7 has no name \(read as "column6"\)\. Give every column its own name/,
      );
      return true;
    });
    const data = await openDataset({ path: PENGUINS });
    try {
      assert.deepEqual(data.headerCheck?.problems, []);
    } finally {
      data.close();
    }
  });
});

describe('decimal commas in a semicolon file', () => {
  // Seattle weather as a European spreadsheet exports it: ';' between fields, ',' before decimals.
  const source = readFileSync(join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'), 'utf8');
  const path = write('seattle-eu.csv', source.replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2'));

  it('reads them as numbers, as pandas read_csv(sep=";", decimal=",") does, and says so', async () => {
    const reference = pandas<Record<string, { dtype: string; mean?: number; sum?: number }>>(
      path,
      `df = pd.read_csv(path, sep=';', decimal=',')\nresult = {c: {'dtype': str(df[c].dtype), **({'mean': float(df[c].mean()), 'sum': float(df[c].sum())} if df[c].dtype.kind == 'f' else {})} for c in df.columns}`,
    );
    const result = await profile({ path }, ctx());
    assert.equal(result.source.delimiter, ';');
    assert.equal(result.source.decimalSeparator, ',');
    for (const name of ['precipitation', 'temp_max', 'temp_min', 'wind']) {
      const column = result.columns.find((c) => c.name === name)!;
      assert.equal(reference[name].dtype, 'float64');
      assert.equal(column.type, 'numeric', `${name}: ${column.evidence.reason}`);
      assert.ok(Math.abs(column.numeric!.mean - reference[name].mean!) < 1e-9, `${name} mean`);
      assert.ok(Math.abs(column.numeric!.sum - reference[name].sum!) < 1e-6, `${name} sum`);
    }
    // inspect says so too, and training reads the same numbers.
    assert.equal((await inspect({ path }, ctx())).decimalSeparator, ',');
    assert.equal((await inspect({ path: PENGUINS }, ctx())).decimalSeparator, '.');
    const { frame } = await loadFrame({ root: dir, path: 'seattle-eu.csv' });
    assert.equal(frame.columns.find((c) => c.name === 'wind')?.type, 'numeric');
  });

  it('keeps the decimal point where the file writes one, and commas in a comma file', async () => {
    const points = write('points.csv', 'a;b\n1.5;2\n3;4,5\n');
    const data = await openDataset({ path: points });
    try {
      assert.equal(data.decimalSeparator, '.');
    } finally {
      data.close();
    }
    // A tab file writing "1,500" means thousands (as pandas' thousands=','): not decimals.
    const tsv = write('thousands.tsv', 'a\tb\n1,500\t2\n2,250\t3\n12,000\t4\n3,125\t5\n4,500\t6\n5,750\t7\n6,001\t8\n');
    const thousands = await profile({ path: tsv }, ctx());
    const sums = pandas<number>(tsv, `result = float(pd.read_csv(path, sep='\\t', thousands=',')['a'].sum())`);
    assert.equal(thousands.source.decimalSeparator, '.');
    assert.equal(thousands.columns[0].numeric?.sum, sums);
    const tabDecimals = write('decimals.tsv', 'a\tb\n1,5\t2\n2,25\t3\n');
    assert.equal((await profile({ path: tabDecimals }, ctx())).source.decimalSeparator, ',');
    const seattle = await profile(
      { path: join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv') },
      ctx(),
    );
    assert.equal(seattle.source.decimalSeparator, '.');
  });
});

describe('a numeric column broken by a stray text value', () => {
  // Penguins with a typo in one body mass (line 120) and "?" for two flipper lengths.
  const lines = penguinLines();
  const edited = lines.map((line, i) => {
    const f = line.split(',');
    if (i === 119) f[5] = 'n/a?';
    if (i === 40 || i === 200) f[4] = '?';
    return f.join(',');
  });
  const path = write('stray.csv', edited.join('\n'));

  it('names the value and its line in the type evidence and an alert (lines as pandas finds them)', async () => {
    const reference = pandas<Record<string, Array<[number, string]>>>(
      path,
      `df = pd.read_csv(path, dtype=str, keep_default_na=False)\nresult = {}\nfor c in ['Body Mass (g)', 'Flipper Length (mm)']:\n    bad = df[c][pd.to_numeric(df[c], errors='coerce').isna() & (df[c] != '') & (df[c] != 'NA')]\n    result[c] = [[int(i) + 2, v] for i, v in bad.items()]`,
    );
    assert.deepEqual(reference, {
      'Body Mass (g)': [[120, 'n/a?']],
      'Flipper Length (mm)': [
        [41, '?'],
        [201, '?'],
      ],
    });
    const result = await profile({ path }, ctx());
    const mass = result.columns.find((c) => c.name === 'Body Mass (g)')!;
    assert.notEqual(mass.type, 'numeric');
    assert.match(mass.evidence.reason, /; numeric except line 120: "n\/a\?"$/);
    const flipper = result.columns.find((c) => c.name === 'Flipper Length (mm)')!;
    assert.match(flipper.evidence.reason, /; numeric except line 41: "\?" \(2 rows\)$/);
    const alerts = result.alerts.filter((a) => a.type === 'stray_values');
    assert.deepEqual(
      alerts.map((a) => [a.column, a.value]),
      [
        ['Flipper Length (mm)', 2],
        ['Body Mass (g)', 1],
      ],
    );
    assert.match(
      alerts[1].message,
      /^"Body Mass \(g\)" holds numbers except one value \(line 120: "n\/a\?"\), so it is profiled as categorical, not numeric\./,
    );
    // The untouched columns have no such note.
    const depth = result.columns.find((c) => c.name === 'Beak Depth (mm)')!;
    assert.equal(depth.type, 'numeric');
    assert.ok(!/except/.test(depth.evidence.reason));
  });

  it('says nothing of a real text column', async () => {
    const result = await profile({ path: PENGUINS }, ctx());
    assert.equal(result.alerts.filter((a) => a.type === 'stray_values').length, 0);
  });
});

describe('dates in two formats in one column', () => {
  // Seattle weather with every 7th date rewritten day-first with slashes (04/03/2012).
  const [head, ...rows] = readFileSync(
    join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv'),
    'utf8',
  ).split('\n');
  const path = write(
    'seattle-mixed.csv',
    [
      head,
      ...rows.map((line, i) =>
        i % 7 === 3 ? line.replace(/^(\d{4})-(\d{2})-(\d{2})/, (_, y, m, d) => `${d}/${m}/${y}`) : line,
      ),
    ].join('\n'),
  );

  it('reports each format with its row count (as pandas parses them) and an example line', async () => {
    const reference = pandas<Record<string, [number, number, string]>>(
      path,
      `df = pd.read_csv(path, dtype=str)\nresult = {}\nfor name, fmt in [('YYYY-MM-DD', '%Y-%m-%d'), ('DD/MM/YYYY or MM/DD/YYYY', '%d/%m/%Y')]:\n    ok = pd.to_datetime(df['date'], format=fmt, errors='coerce').notna()\n    first = ok.idxmax()\n    result[name] = [int(ok.sum()), int(first) + 2, df['date'][first]]`,
    );
    const result = await profile({ path }, ctx());
    const date = result.columns.find((c) => c.name === 'date')!;
    const expected = Object.entries(reference)
      .map(
        ([name, [count, line, value]]) =>
          `${name} (${count.toLocaleString('en-US')} rows, e.g. line ${line}: "${value}")`,
      )
      .join(', ');
    assert.ok(date.evidence.reason.endsWith(`; dates in 2 formats: ${expected}`), date.evidence.reason);
    const [alert] = result.alerts.filter((a) => a.type === 'mixed_dates');
    assert.equal(alert.column, 'date');
    assert.equal(alert.value, 2);
    assert.ok(alert.message.includes(expected), alert.message);
  });

  it('finds formats the reader cannot parse at all (day-first with dots and slashes)', async () => {
    const european = write(
      'seattle-dots.csv',
      [
        head,
        ...rows.map((line, i) =>
          line.replace(/^(\d{4})-(\d{2})-(\d{2})/, (_, y, m, d) => (i % 5 === 0 ? `${d}.${m}.${y}` : `${d}/${m}/${y}`)),
        ),
      ].join('\n'),
    );
    const counts = pandas<number[]>(
      european,
      `df = pd.read_csv(path, dtype=str)\nresult = [int(pd.to_datetime(df['date'], format=f, errors='coerce').notna().sum()) for f in ['%d.%m.%Y', '%d/%m/%Y']]`,
    );
    const result = await profile({ path: european }, ctx());
    const [alert] = result.alerts.filter((a) => a.type === 'mixed_dates');
    assert.ok(alert, JSON.stringify(result.columns[0].evidence));
    assert.match(
      alert.message,
      new RegExp(`DD\\.MM\\.YYYY \\(${counts[0]} rows, e\\.g\\. line 2: "01\\.01\\.2012"\\)`),
    );
    assert.match(
      alert.message,
      new RegExp(
        `DD/MM/YYYY or MM/DD/YYYY \\(${counts[1].toLocaleString('en-US')} rows, e\\.g\\. line 3: "02/01/2012"\\)`,
      ),
    );
  });

  it('says nothing of a column written one way', async () => {
    const result = await profile(
      { path: join(process.cwd(), 'node_modules/vega-datasets/data/seattle-weather.csv') },
      ctx(),
    );
    assert.equal(result.columns.find((c) => c.name === 'date')?.type, 'datetime');
    assert.equal(result.alerts.filter((a) => a.type === 'mixed_dates').length, 0);
  });
});

describe('the profile JSON with the new findings', () => {
  it('stays valid against schemas/profile.schema.json', async () => {
    const { default: Ajv } = await import('ajv');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(join(process.cwd(), 'schemas/profile.schema.json'), 'utf8')),
    );
    const seen = new Set<string>();
    for (const name of ['renamed.csv', 'seattle-eu.csv', 'stray.csv', 'seattle-mixed.csv']) {
      const result = await profile({ path: join(dir, name) }, ctx());
      for (const alert of result.alerts) seen.add(alert.type);
      assert.ok(validate(result), `${name}: ${JSON.stringify(validate.errors)}`);
    }
    for (const type of ['column_name', 'stray_values', 'mixed_dates']) assert.ok(seen.has(type), type);
  });
});
