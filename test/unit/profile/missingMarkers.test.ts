// Missing-value markers as a choice: a bird-strike-like file whose damage column is "None" (no
// damage) in 89% of rows. By default (pandas 2's markers) None is missing, the profile says how
// many cells of each marker it read as missing and alerts that None may be a value; with
// `defaults: false` or an empty marker list None is a category. The missing counts per column
// equal pandas' read_csv(na_values=..., keep_default_na=False) for several settings, and the
// per-marker counts equal pandas' own count of those cells.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Ajv from 'ajv';
import {
  isTextMarker,
  markersOf,
  PANDAS_DEFAULT_MARKERS,
  parseMarkerList,
} from '../../../src/core/data/missingMarkers';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import type { DatasetProfile, ProfileParams } from '../../../src/core/profile/profileTypes';
import { projectProfileParams, sameMissingValues } from '../../../src/core/profile/projectProfileParams';
import { markersForFile, resolveMissingMarkers } from '../../../src/core/project/missingValues';
import { parseProjectFile } from '../../../src/core/project/projectFile';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';
const dir = mkdtempSync(join(tmpdir(), 'mlcycle-markers-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const validateSchema = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(join(process.cwd(), 'schemas/profile.schema.json'), 'utf8')),
);

/** 1,000 strikes: damage None in 890, height with empty cells and NA, species with null, speed with "-". */
function birdStrikes(): string {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['id,damage,height,species,speed,remarks'];
  for (let i = 0; i < 1000; i++) {
    const damage = i % 100 < 89 ? 'None' : ['Minor', 'Substantial', 'Destroyed'][i % 3];
    const height = i % 13 === 0 ? '' : i % 29 === 0 ? 'NA' : String(Math.round(next() * 3000));
    const species = i % 7 === 0 ? 'null' : i % 11 === 0 ? 'Unknown bird' : ['Gull', 'Hawk', 'Goose'][i % 3];
    const speed = i % 17 === 0 ? '-' : String(100 + Math.round(next() * 150));
    const remarks = i % 5 === 0 ? '' : i % 9 === 0 ? 'n/a' : i % 31 === 0 ? '"None"' : `strike ${i}`;
    lines.push([i + 1, damage, height, species, speed, remarks].join(','));
  }
  return lines.join('\n') + '\n';
}

const DATA = join(dir, 'strikes.csv');
writeFileSync(DATA, birdStrikes());

async function profile(params: ProfileParams): Promise<DatasetProfile> {
  const result = await profileDataset(params, { signal: new AbortController().signal, report: () => undefined });
  assert.ok(validateSchema(result), JSON.stringify(validateSchema.errors?.slice(0, 3)));
  return result;
}

const column = (p: DatasetProfile, name: string) => p.columns.find((c) => c.name === name)!;

/** pandas' missing count per column, and its count of each marker's cells, for the given na_values. */
function pandas(
  file: string,
  naValues: string[],
): { missing: Record<string, number>; cells: Record<string, Record<string, number>> } {
  const script = `
import json, sys
import pandas as pd
na = json.loads(sys.argv[2])
df = pd.read_csv(sys.argv[1], na_values=na, keep_default_na=False)
raw = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False, na_filter=False)
cells = {c: {m: int((raw[c] == m).sum()) for m in na if int((raw[c] == m).sum()) > 0} for c in raw.columns}
print(json.dumps({"missing": {c: int(n) for c, n in df.isna().sum().items()}, "cells": cells}))
`;
  const run = spawnSync(PYTHON, ['-c', script, file, JSON.stringify(naValues)], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('missing-value markers', () => {
  it('by default None is missing: counted per marker, with an alert that it may be a value', async () => {
    const p = await profile({ path: DATA });
    const damage = column(p, 'damage');
    assert.equal(damage.missing, 890);
    assert.deepEqual(damage.missingMarkers, [{ marker: 'None', count: 890 }]);
    assert.deepEqual(column(p, 'height').missingMarkers, [
      { marker: '', count: 77 },
      { marker: 'NA', count: 32 },
    ]);
    assert.deepEqual(p.missingValues, [...PANDAS_DEFAULT_MARKERS].sort());
    const alert = p.alerts.find((a) => a.type === 'missing_marker');
    assert.ok(alert, 'no missing_marker alert');
    assert.equal(alert.column, 'damage');
    assert.equal(alert.value, 89);
    assert.match(alert.message, /^'None' may be a real value here: "damage" holds it in 890 of 1,000 rows/);
    assert.match(alert.message, /set missingValues in mlcycle\.yaml/);
    // species: null in 15% of rows is missing, but not most of the column: no alert.
    assert.equal(p.alerts.filter((a) => a.type === 'missing_marker').length, 1);
  });

  it('with defaults: false (or an empty list) None is a category and there is no alert', async () => {
    const p = await profile({ path: DATA, missingValues: markersOf({ defaults: false }) });
    const damage = column(p, 'damage');
    assert.equal(damage.missing, 0);
    assert.equal(damage.missingMarkers, undefined);
    assert.equal(damage.text?.top[0].value, 'None');
    assert.equal(damage.text?.top[0].count, 890);
    assert.deepEqual(column(p, 'height').missingMarkers, [{ marker: '', count: 77 }]);
    assert.ok(!p.alerts.some((a) => a.type === 'missing_marker'));
    assert.deepEqual(p.missingValues, []);
    // Another question, another cache key.
    const byDefault = await profile({ path: DATA });
    assert.notEqual(p.paramsKey, byDefault.paramsKey);
  });

  for (const [label, setting] of [
    ["pandas 2's defaults", undefined],
    ['only empty cells', { defaults: false }],
    ['"-" and "Unknown bird" alone', { markers: ['-', 'Unknown bird'], defaults: false }],
    ['the defaults and "-"', { markers: ['-'] }],
  ] as const) {
    it(`missing counts per column and per marker equal pandas' (${label})`, async () => {
      const markers = markersOf(setting);
      const p = await profile({ path: DATA, missingValues: markers });
      const reference = pandas(DATA, ['', ...markers]);
      for (const c of p.columns) {
        assert.equal(c.missing, reference.missing[c.name], `${c.name}: missing`);
        const ours = Object.fromEntries((c.missingMarkers ?? []).map((m) => [m.marker, m.count]));
        assert.deepEqual(ours, reference.cells[c.name], `${c.name}: cells per marker`);
      }
    });
  }
});

describe('markers from mlcycle.yaml', () => {
  const root = join(dir, 'project');
  mkdirSync(join(root, 'data'), { recursive: true });
  writeFileSync(join(root, 'data/train.csv'), birdStrikes());
  writeFileSync(join(root, 'data/holdout.csv'), birdStrikes());
  const yaml = [
    'version: 1',
    'name: Birds',
    'task: classification',
    'target: species',
    'missingValues:',
    '  markers: ["-"]',
    'datasets:',
    '  train:',
    '    path: data/train.csv',
    '    missingValues: { defaults: false }',
    '  holdout: data/holdout.csv',
    '',
  ].join('\n');
  writeFileSync(join(root, 'mlcycle.yaml'), yaml);

  it('a dataset written as { path, missingValues } keeps its path and overrides the project level', async () => {
    const { project, problems } = parseProjectFile(yaml, root);
    assert.ok(project, JSON.stringify(problems));
    assert.deepEqual(project.datasets, { train: 'data/train.csv', holdout: 'data/holdout.csv' });
    assert.deepEqual(resolveMissingMarkers(project, root, join(root, 'data/train.csv')), []);
    assert.deepEqual(resolveMissingMarkers(project, root, 'data/holdout.csv'), markersOf({ markers: ['-'] }));
    // An explicit list (the CLI flag, a reproduced run) replaces both.
    assert.deepEqual(resolveMissingMarkers(project, root, 'data/train.csv', ['NA']), ['NA']);
    // The CLI's lenient reading agrees with the project file's.
    assert.deepEqual(await markersForFile(join(root, 'data/train.csv')), []);
    assert.deepEqual(await markersForFile(join(root, 'data/holdout.csv')), markersOf({ markers: ['-'] }));

    const train = await profile(projectProfileParams(join(root, 'data/train.csv'), root, project, true));
    assert.equal(column(train, 'damage').missing, 0);
    assert.equal(column(train, 'speed').missing, 0);
    const holdout = await profile(projectProfileParams(join(root, 'data/holdout.csv'), root, project, true));
    assert.equal(column(holdout, 'damage').missing, 890);
    assert.deepEqual(column(holdout, 'speed').missingMarkers, [{ marker: '-', count: 59 }]);
  });

  it('a dataset path in the mapping form that leaves the project is refused at its path key', () => {
    const outside = yaml.replace('    path: data/train.csv', '    path: ../elsewhere/train.csv');
    const { project, problems } = parseProjectFile(outside, root);
    assert.equal(project, undefined);
    assert.ok(
      problems.some((p) => p.path.join('.') === 'datasets.train.path' && /outside the project/.test(p.message)),
    );
  });
});

describe('marker lists', () => {
  it("follow pandas' na_values / keep_default_na and the CLI's comma list", () => {
    assert.deepEqual(markersOf({ markers: ['-'], defaults: false }), ['-']);
    assert.equal(markersOf({ markers: ['-'] }).length, PANDAS_DEFAULT_MARKERS.length + 1);
    assert.deepEqual(markersOf({ markers: ['', 'NA', 'NA'], defaults: false }), ['NA']);
    assert.deepEqual(parseMarkerList(''), []);
    assert.deepEqual(parseMarkerList('null,NA,'), ['NA', 'null']);
    assert.ok(isTextMarker('None') && isTextMarker('n/a') && isTextMarker('<NA>'));
    assert.ok(!isTextMarker('#N/A') && !isTextMarker('-1.#IND') && !isTextMarker('-'));
  });

  it('a recorded profile is reused only when it was read with the same markers', () => {
    const params = (missingValues?: string[]) => ({ path: 'x.csv', ...(missingValues ? { missingValues } : {}) });
    assert.ok(sameMissingValues(undefined, params()));
    assert.ok(sameMissingValues(undefined, params(markersOf(undefined))));
    assert.ok(sameMissingValues(markersOf(undefined), params()));
    assert.ok(!sameMissingValues(undefined, params([])));
    assert.ok(!sameMissingValues([], params()));
    assert.ok(sameMissingValues(['b', 'a'], params(['a', 'b'])));
  });
});
