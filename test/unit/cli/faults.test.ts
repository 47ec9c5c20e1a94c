// Hostile and broken inputs against the real CLI (bin/mlcycle.js in a child process): links out
// of the project, outputs onto inputs, missing output folders, damaged and newer run records, and
// file system errors. Each must be refused with exit 2 and a sentence naming the file, never a raw
// system error or the content of a file outside the project.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureCliBuilt } from '../jobs/builtBundles';
import { PENGUINS_SPEC, tempProject } from '../model/train/trainFixtures';

const BIN = join(process.cwd(), 'bin', 'mlcycle.js');
const SECRET = 'Species,TOP-SECRET-VALUE\nAdelie,42\n';
const RAW_ERROR = /\b(ENOENT|EACCES|EISDIR|ENOTDIR|EEXIST):/;

function mlcycle(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('mlcycle refuses hostile and broken inputs', () => {
  let project: ReturnType<typeof tempProject>;
  let outside: string;
  let runId: string;
  before(() => {
    ensureCliBuilt();
    project = tempProject('penguins', PENGUINS_SPEC.replace('permutationRepeats: 2', 'permutationRepeats: 0'));
    outside = mkdtempSync(join(tmpdir(), 'mlcycle-outside-'));
    writeFileSync(join(outside, 'secret.csv'), SECRET);
    const trained = mlcycle(project.root, 'train', '--json', '-');
    assert.ok(trained.code === 0 || trained.code === 1, trained.stderr);
    runId = JSON.parse(trained.stdout).runId;
  });
  after(() => {
    project.dispose();
    rmSync(outside, { recursive: true, force: true });
  });

  it('a data file that links out of the project is not read, and its content is not shown', () => {
    symlinkSync(join(outside, 'secret.csv'), join(project.root, 'data', 'linked.csv'));
    writeFileSync(
      join(project.root, 'linked.yaml'),
      'version: 1\ndata: { train: data/linked.csv }\nmodels:\n  - kind: logistic_regression\n',
    );
    for (const args of [
      ['train', 'linked.yaml'],
      ['profile', 'data/linked.csv'],
      ['inspect', 'data/linked.csv'],
    ]) {
      const { code, stderr } = mlcycle(project.root, ...args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, /"data\/linked\.csv" leaves the project: data\/linked\.csv is a symbolic link to /);
      assert.doesNotMatch(stderr, /TOP-SECRET/);
    }
  });

  it('a data folder that links out of the project is refused', () => {
    symlinkSync(outside, join(project.root, 'data', 'ext'));
    writeFileSync(
      join(project.root, 'ext.yaml'),
      'version: 1\ndata: { train: data/ext/secret.csv }\nmodels:\n  - kind: logistic_regression\n',
    );
    const { code, stderr } = mlcycle(project.root, 'train', 'ext.yaml');
    assert.equal(code, 2, stderr);
    assert.match(stderr, /data\/ext is a symbolic link to .*outside the project folder/);
    assert.doesNotMatch(stderr, /TOP-SECRET/);
  });

  it('a .mlcycle/ that links out of the project gets no record, and its records are not read', () => {
    const records = join(project.root, '.mlcycle');
    const elsewhere = join(outside, 'records');
    renameSync(records, join(project.root, 'records.bak'));
    mkdirSync(join(elsewhere, 'runs'), { recursive: true });
    symlinkSync(elsewhere, records);
    try {
      const trained = mlcycle(project.root, 'train', '--models', 'logistic_regression');
      assert.equal(trained.code, 2, trained.stderr);
      assert.match(trained.stderr, /Refusing to record the run: .*\.mlcycle is a symbolic link to /);
      assert.deepEqual(readdirSync(join(elsewhere, 'runs')), []);
      const evaluated = mlcycle(project.root, 'evaluate');
      assert.equal(evaluated.code, 2);
      assert.match(evaluated.stderr, /\.mlcycle is a symbolic link to .*outside the workspace/);
    } finally {
      rmSync(records);
      renameSync(join(project.root, 'records.bak'), records);
    }
  });

  it('train --reproduce refuses a recorded spec path that leads out of the project, by name or by a link', () => {
    const file = join(project.root, '.mlcycle', 'runs', `${runId}.json`);
    const original = readFileSync(file, 'utf8');
    writeFileSync(join(outside, 's.yaml'), 'version: 1\n');
    symlinkSync(outside, join(project.root, 'specs'));
    try {
      for (const [specPath, message] of [
        [`../${join('..', outside)}/s.yaml`, /pipeline spec of run .* is outside the project folder/],
        ['specs/s.yaml', /pipeline spec of run .* leaves the project: specs is a symbolic link to /],
      ] as const) {
        writeFileSync(file, original.replace('"specPath": "pipeline.yaml"', `"specPath": ${JSON.stringify(specPath)}`));
        const { code, stderr } = mlcycle(project.root, 'train', '--reproduce', runId);
        assert.equal(code, 2, stderr);
        assert.match(stderr, message);
      }
    } finally {
      writeFileSync(file, original);
    }
  });

  it('an external trainer program named by a path out of the project is refused, by name or by a link', () => {
    writeFileSync(join(outside, 'trainer.sh'), '#!/bin/sh\nexit 0\n');
    symlinkSync(outside, join(project.root, 'tools'));
    for (const [program, message] of [
      [
        `../${join('..', outside)}/trainer.sh`,
        /external trainer program ".*trainer\.sh" is outside the project folder/,
      ],
      [
        './tools/trainer.sh',
        /external trainer program "tools\/trainer\.sh" leaves the project: tools is a symbolic link/,
      ],
    ] as const) {
      writeFileSync(
        join(project.root, 'byo.yaml'),
        `version: 1\nsplit: { folds: 2 }\nmodels:\n  - name: mine\n    kind: external\n    command: [${program}]\n`,
      );
      const { code, stderr } = mlcycle(project.root, 'train', 'byo.yaml');
      assert.equal(code, 2, stderr);
      assert.match(stderr, message);
    }
  });

  it('predict --out onto its own input is refused and the input is intact', () => {
    const input = join(project.root, 'data', 'holdout.csv');
    const before = sha(input);
    const { code, stderr } = mlcycle(project.root, 'predict', runId, 'data/holdout.csv', '--out', 'data/holdout.csv');
    assert.equal(code, 2, stderr);
    assert.match(stderr, /--out data\/holdout\.csv is an input of this command/);
    assert.equal(sha(input), before);
    // The same file through a link is the same file.
    symlinkSync(input, join(project.root, 'alias.csv'));
    assert.equal(mlcycle(project.root, 'predict', runId, 'data/holdout.csv', '--out', 'alias.csv').code, 2);
    assert.equal(sha(input), before);
    const json = mlcycle(project.root, 'inspect', 'data/train.csv', '--json', 'data/train.csv');
    assert.equal(json.code, 2);
    assert.match(json.stderr, /--json data\/train\.csv is an input of this command/);
  });

  it('an output in a missing folder is an error naming the folder, and nothing is written', () => {
    const predicted = mlcycle(project.root, 'predict', runId, 'data/holdout.csv', '--out', 'nowhere/p.csv');
    assert.equal(predicted.code, 2);
    assert.match(predicted.stderr, /Cannot write nowhere\/p\.csv: the folder nowhere does not exist/);
    const inspected = mlcycle(project.root, 'inspect', 'data/train.csv', '--json', 'nowhere/i.json');
    assert.equal(inspected.code, 2);
    assert.equal(inspected.stdout, '', 'no report printed as if it had succeeded');
    assert.match(inspected.stderr, /the folder nowhere does not exist/);
    assert.equal(existsSync(join(project.root, 'nowhere')), false);
    const ok = mlcycle(project.root, 'predict', runId, 'data/holdout.csv', '--out', 'p.csv');
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(
      readdirSync(project.root).filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('a run record from a newer version is refused by predict, evaluate, train --reproduce and model-card', () => {
    const file = join(project.root, '.mlcycle', 'runs', `${runId}.json`);
    const original = readFileSync(file, 'utf8');
    const record = JSON.parse(original);
    record.data.formatVersion = 99;
    writeFileSync(file, JSON.stringify(record));
    try {
      for (const args of [
        ['predict', runId, 'data/holdout.csv', '--out', 'p2.csv'],
        ['evaluate', '--run', runId],
        ['evaluate'],
        ['train', '--reproduce', runId],
        ['model-card', '--run', runId],
      ]) {
        const { code, stderr } = mlcycle(project.root, ...args);
        assert.equal(code, 2, args.join(' '));
        assert.match(
          stderr,
          new RegExp(
            `The run record \\.mlcycle/runs/${runId}\\.json was made by a newer version of ML Lifecycle \\(run format 99`,
          ),
          args.join(' '),
        );
      }
    } finally {
      writeFileSync(file, original);
    }
  });

  it('a truncated run record is named, with what is wrong and none of its content', () => {
    const file = join(project.root, '.mlcycle', 'runs', `${runId}.json`);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.slice(0, 400));
    try {
      for (const args of [['evaluate'], ['evaluate', '--run', runId], ['train', '--reproduce', runId]]) {
        const { code, stderr } = mlcycle(project.root, ...args);
        assert.equal(code, 2, args.join(' '));
        assert.match(
          stderr,
          new RegExp(
            `The run record \\.mlcycle/runs/${runId}\\.json cannot be read: it ends too early \\(truncated\\?\\)`,
          ),
        );
        assert.doesNotMatch(stderr, /schemaVersion/);
      }
    } finally {
      writeFileSync(file, original);
    }
  });

  it('file system errors are sentences naming the file and its role', () => {
    mkdirSync(join(project.root, 'folder.yaml'));
    const spec = mlcycle(project.root, 'train', 'folder.yaml');
    assert.equal(spec.code, 2);
    assert.match(spec.stderr, /The pipeline spec folder\.yaml cannot be read: it is a folder, not a file\./);
    const expectations = mlcycle(project.root, 'validate', 'data/train.csv', '--expectations', 'data');
    assert.equal(expectations.code, 2);
    assert.match(expectations.stderr, /The expectations file data is a folder/);
    const missing = mlcycle(project.root, 'evaluate', '--data', 'data/none.csv');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /data\/none\.csv does not exist/);
    const charter = join(project.root, 'docs', 'charter.yaml');
    renameSync(charter, `${charter}.bak`);
    mkdirSync(charter);
    const evaluated = mlcycle(project.root, 'evaluate');
    rmSync(charter, { recursive: true });
    renameSync(`${charter}.bak`, charter);
    assert.equal(evaluated.code, 2);
    assert.match(evaluated.stderr, /Cannot read the charter .*docs\/charter\.yaml: it is a folder, not a file\./);
    const projectFile = join(project.root, 'mlcycle.yaml');
    renameSync(projectFile, join(project.root, 'mlcycle.bak'));
    mkdirSync(projectFile);
    try {
      for (const args of [['train'], ['profile', 'data/train.csv'], ['model-card']]) {
        const { code, stderr } = mlcycle(project.root, ...args);
        assert.equal(code, 2, args.join(' '));
        assert.match(
          stderr,
          /Cannot read the project file .*mlcycle\.yaml: it is a folder, not a file\./,
          args.join(' '),
        );
      }
    } finally {
      rmSync(projectFile, { recursive: true });
      renameSync(join(project.root, 'mlcycle.bak'), projectFile);
    }
    for (const out of [spec, expectations, missing, evaluated]) assert.doesNotMatch(out.stderr, RAW_ERROR);
  });
});
