// Editing the next stage's space before it starts: the draft a run that stopped after a stage
// writes (the narrowed ranges, the original ones as comments) reads back as the same space; an
// edit inside the original ranges is what the stage then samples; every mistake is refused at
// its line and the stage does not start. End to end through `mlcycle tune --stage 0` and
// `--resume` on penguins.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readStageEdit, stageDraftText } from '../../../src/core/tuning/stageEdit';
import { loadStudy } from '../../../src/core/tuning/studyStore';
import type { SearchSpace } from '../../../src/core/tuning/types';
import { tempProject } from '../model/train/trainFixtures';
import { runMlcycle } from '../support/runCliInProcess';

const ORIGINAL: SearchSpace = {
  params: [
    { name: 'model', distribution: { type: 'categorical', choices: ['logistic', 'forest'] } },
    {
      name: 'logistic.C',
      distribution: { type: 'float', low: 0.001, high: 100, log: true },
      conditions: [{ param: 'model', values: ['logistic'] }],
    },
    {
      name: 'forest.max_depth',
      distribution: { type: 'int', low: 2, high: 12, step: 2 },
      conditions: [{ param: 'model', values: ['forest'] }],
    },
  ],
};
const NARROWED: SearchSpace = {
  params: [
    ORIGINAL.params[0],
    { ...ORIGINAL.params[1], distribution: { type: 'float', low: 0.03, high: 4.1, log: true } },
    { ...ORIGINAL.params[2], distribution: { type: 'int', low: 4, high: 8, step: 2 } },
  ],
};
const draft = stageDraftText({ studyId: 's1', index: 1, original: ORIGINAL, narrowed: NARROWED, top: 8, margin: 0.1 });
const expect = { studyId: 's1', index: 1 };

describe('stage file', () => {
  it('the draft reads back as the narrowed space, conditions kept, nothing changed', () => {
    assert.match(draft, /logistic\.C: +\{ low: 0\.03, high: 4\.1, log: true \} +# original: \[0\.001, 100\] log/);
    const read = readStageEdit(draft, expect, ORIGINAL, NARROWED);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.space, NARROWED);
    assert.deepEqual(read.changes, []);
  });

  it('an edit inside the original ranges is the space; a parameter left out keeps its narrowed range', () => {
    const text = draft
      .replace('{ low: 0.03, high: 4.1, log: true }', '{ low: 0.5, high: 100, log: true }')
      .replace(/^ {2}forest\.max_depth:.*$/m, '')
      .replace('[logistic, forest]', '[logistic]');
    const read = readStageEdit(text, expect, ORIGINAL, NARROWED);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.space.params[0].distribution, { type: 'categorical', choices: ['logistic'] });
    assert.deepEqual(read.space.params[1].distribution, { type: 'float', low: 0.5, high: 100, log: true });
    assert.deepEqual(read.space.params[1].conditions, ORIGINAL.params[1].conditions);
    assert.deepEqual(read.space.params[2], NARROWED.params[2]);
    assert.deepEqual(read.changes, [
      'model: [logistic, forest] → [logistic] (edited)',
      'logistic.C: [0.03, 4.1] log → [0.5, 100] log (edited)',
    ]);
  });

  it('refuses each mistake at its line: outside the original, off the step, low > high, a new scale, unknown names', () => {
    const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const cases: Array<[string, string, RegExp]> = [
      [
        '{ low: 0.03, high: 4.1, log: true }',
        '{ low: 0.0001, high: 4.1, log: true }',
        /low \(0\.0001\) is outside the original range \[0\.001, 100\] log/,
      ],
      [
        '{ low: 4, high: 8, step: 2 }',
        '{ low: 5, high: 8, step: 2 }',
        /low \(5\) is not on the range's step of 2 from 2/,
      ],
      ['{ low: 4, high: 8, step: 2 }', '{ low: 10, high: 8, step: 2 }', /low \(10\) is above high \(8\)/],
      ['{ low: 0.03, high: 4.1, log: true }', '{ low: 0.03, high: 4.1, log: false }', /scale \(log\) .* cannot change/],
      ['[logistic, forest]', '[logistic, knn]', /knn not among the original choices/],
      [
        'forest.max_depth:',
        'forest.depth:',
        /no parameter "forest\.depth" \(its parameters: model, logistic\.C, forest\.max_depth\)/,
      ],
    ];
    for (const [from, to, message] of cases) {
      const text = draft.replace(from, to);
      const { problems, space } = readStageEdit(text, expect, ORIGINAL, NARROWED);
      assert.equal(problems.length, 1, `${to}: ${problems.map((p) => p.message).join(' | ')}`);
      assert.match(problems[0].message, message);
      assert.equal(problems[0].start.line, lineOf(text, to));
      assert.equal(space, NARROWED, 'nothing of a refused file is used');
    }
    const other = readStageEdit(
      draft.replace('study: s1', 'study: s2').replace('stage: 1', 'stage: 2'),
      expect,
      ORIGINAL,
      NARROWED,
    );
    assert.deepEqual(
      other.problems.map((p) => p.message),
      ['This file is for study s2, not s1.', 'This file is for stage 2; the next stage of the study is 1.'],
    );
  });
});

const SPEC = `version: 1
split: { folds: 3 }
preprocess:
  scale: standard
models:
  - name: logistic
    kind: logistic_regression
evaluation:
  permutationRepeats: 0
`;
const STUDY = `version: 1
spec: pipeline.yaml
objective: { metric: log_loss }
sampler: { kind: random, seed: 3 }
stages:
  - trials: 6
  - trials: 4
    narrow: { top: 3 }
space:
  logistic:
    C: { low: 0.001, high: 100, log: true }
    tol: { low: 0.00001, high: 0.01, log: true }
`;

describe('mlcycle tune --stage 0, edit the next stage, --resume', () => {
  let project: ReturnType<typeof tempProject>;
  before(() => {
    project = tempProject('penguins', SPEC);
    writeFileSync(join(project.root, 'tuning.yaml'), STUDY);
  });
  after(() => project.dispose());

  it('stops after stage 1 with the draft, refuses a bad edit, and the next stage samples the edited range', async () => {
    const first = await runMlcycle(project.root, 'tune', 'tuning.yaml', '--stage', '0', '--json', 'first.json');
    assert.equal(first.code, 0, first.stderr);
    const { studyId, nextStage } = JSON.parse(readFileSync(join(project.root, 'first.json'), 'utf8'));
    assert.equal(nextStage.index, 1);
    assert.equal(nextStage.file, `.mlcycle/studies/${studyId}/stage-1.yaml`);
    assert.match(
      first.stdout,
      new RegExp(`Stage 2 is next: its narrowed space is in ${nextStage.file.replace(/\./g, '\\.')}`),
    );
    const file = join(project.root, nextStage.file);
    const drafted = readFileSync(file, 'utf8');

    writeFileSync(file, drafted.replace(/logistic\.C: +\{[^}]*\}/, 'logistic.C: { low: 1000, high: 2000, log: true }'));
    const bad = await runMlcycle(project.root, 'tune', '--resume', studyId);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, new RegExp(`stage-1\\.yaml:\\d+:\\d+: low \\(1000\\) is outside the original range`));
    assert.equal((await loadStudy(project.root, studyId)).trials.length, 6, 'no trial of the refused stage ran');

    writeFileSync(file, drafted.replace(/logistic\.C: +\{[^}]*\}/, 'logistic.C: { low: 0.5, high: 2, log: true }'));
    const second = await runMlcycle(project.root, 'tune', '--resume', studyId, '--json', 'second.json');
    assert.equal(second.code, 0, second.stderr);
    const loaded = await loadStudy(project.root, studyId);
    const stage1 = loaded.trials.filter((t) => t.stage === 1);
    assert.equal(stage1.length, 4);
    for (const t of stage1) {
      const C = t.params['logistic.C'] as number;
      assert.ok(C >= 0.5 && C <= 2, `trial ${t.number}: C = ${C}`);
    }
    assert.equal(loaded.study.stages[1].edited, nextStage.file);
    assert.ok(loaded.study.stages[1].changes!.some((c) => /^logistic\.C: .* → \[0\.5, 2\] log \(edited\)$/.test(c)));
  });
});
