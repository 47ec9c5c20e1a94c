// `mlcycle model-card` in-process: exit 0 with the card and its exports written, exit 2 when
// there is no run or the card has a YAML error (left untouched).
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runMlcycle as mlcycle } from '../support/runCliInProcess';
import { tempProject } from '../model/train/trainFixtures';
import { schemaProblems, trainedPenguins } from './cardFixtures';

describe('mlcycle model-card', () => {
  let project: Awaited<ReturnType<typeof trainedPenguins>>;
  before(async () => {
    project = await trainedPenguins('cli-run');
  });
  after(() => project.dispose());

  it('writes the card and its Markdown and HTML exports: exit 0', async () => {
    mkdirSync(join(project.root, 'out'));
    const { code, stdout, stderr } = await mlcycle(
      project.root,
      'model-card',
      '--markdown',
      'docs/model-card.md',
      '--html',
      'out/card.html',
    );
    assert.equal(code, 0, stderr);
    assert.match(stdout, /docs\/model-card\.yaml: generated from run cli-run/);
    const card = readFileSync(join(project.root, 'docs/model-card.yaml'), 'utf8');
    assert.deepEqual(schemaProblems(card), []);
    assert.match(readFileSync(join(project.root, 'docs/model-card.md'), 'utf8'), /^# Model card: Penguin species/);
    assert.match(readFileSync(join(project.root, 'out/card.html'), 'utf8'), /<h2>Metrics<\/h2>/);
    // An export into a missing folder is an error naming it, not a new folder.
    const missing = await mlcycle(project.root, 'model-card', '--export-only', '--html', 'nowhere/card.html');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /the folder .*nowhere does not exist/);
    const again = await mlcycle(project.root, 'model-card', '--run', 'cli-run');
    assert.equal(again.code, 0);
    assert.match(again.stdout, /up to date with run cli-run/);
    const exported = await mlcycle(project.root, 'model-card', '--export-only', '--html', 'docs/model-card.html');
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stdout, 'exported docs/model-card.html\n');
    assert.ok(!/<script/i.test(readFileSync(join(project.root, 'docs/model-card.html'), 'utf8')));
  });

  it('exit 2: an unknown run, a card with a YAML error (untouched), a project without runs', async () => {
    const unknown = await mlcycle(project.root, 'model-card', '--run', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No run "nope"/);

    const cardPath = join(project.root, 'docs/model-card.yaml');
    writeFileSync(cardPath, 'version: 1\nmetrics: [\n');
    const broken = await mlcycle(project.root, 'model-card');
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /docs\/model-card\.yaml:\d+:\d+ is not valid YAML, so it was left untouched/);
    assert.equal(readFileSync(cardPath, 'utf8'), 'version: 1\nmetrics: [\n');
    const exportBroken = await mlcycle(project.root, 'model-card', '--export-only', '--markdown', 'card.md');
    assert.equal(exportBroken.code, 2);
    assert.ok(!existsSync(join(project.root, 'card.md')));

    const fresh = tempProject('penguins');
    try {
      const exampleCard = join(fresh.root, 'docs/model-card.yaml');
      const before = existsSync(exampleCard) ? readFileSync(exampleCard, 'utf8') : undefined;
      const none = await mlcycle(fresh.root, 'model-card');
      assert.equal(none.code, 2);
      assert.match(none.stderr, /No training run yet/);
      assert.equal(existsSync(exampleCard) ? readFileSync(exampleCard, 'utf8') : undefined, before);
    } finally {
      fresh.dispose();
    }
    const usage = await mlcycle(project.root, 'model-card', 'extra');
    assert.equal(usage.code, 2);
  });
});
