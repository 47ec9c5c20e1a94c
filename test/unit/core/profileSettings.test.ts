// `mlcycle profile` inside a project reads profile.thresholds from mlcycle.yaml through the
// language server's checker: a YAML syntax error stops it (file:line:column), a misspelled key is
// a warning with "did you mean", and the valid thresholds still apply.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runMlcycle as cli } from '../support/runCliInProcess';
import { readProfileSettings } from '../../../src/core/project/profileSettings';
import { JobError } from '../../../src/protocol/jobError';

const PENGUINS = join(process.cwd(), 'examples/penguins');

describe('profile settings from mlcycle.yaml', () => {
  let root: string;
  let original: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'mlcycle-profile-settings-'));
    cpSync(PENGUINS, root, { recursive: true, filter: (src) => !src.includes('.mlcycle') });
    original = readFileSync(join(root, 'mlcycle.yaml'), 'utf8');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('stops the profile at a YAML syntax error, naming file, line and column', async () => {
    writeFileSync(
      join(root, 'mlcycle.yaml'),
      original.replace('sensitiveColumns: [Island]', 'sensitiveColumns: [Island'),
    );
    const line = original.split('\n').findIndex((l) => l.startsWith('sensitiveColumns')) + 1;
    await assert.rejects(readProfileSettings(root, root), (error: unknown) => {
      assert.ok(error instanceof JobError);
      assert.equal(error.code, 'bad-input');
      assert.equal(error.file, join(root, 'mlcycle.yaml'));
      assert.ok(error.line !== undefined && error.line >= line, `line ${error.line}`);
      assert.match(error.message, new RegExp(`^mlcycle\\.yaml:${error.line}:${error.column}: YAML syntax error`));
      return true;
    });
    const { code, stderr, stdout } = await cli(root, 'profile', 'data/train.csv');
    assert.equal(code, 2);
    assert.match(stderr, /mlcycle profile: mlcycle\.yaml:\d+:\d+: YAML syntax error/);
    assert.equal(stdout, '');
  });

  it('warns of a misspelled threshold key with its position and the likely key, and applies the valid ones', async () => {
    const text = `${original}profile:\n  thresholds:\n    leakge: 0.5\n    missingPercent: 50\n`;
    writeFileSync(join(root, 'mlcycle.yaml'), text);
    const line = text.split('\n').findIndex((l) => l.includes('leakge')) + 1;
    const settings = await readProfileSettings(root, root);
    assert.deepEqual(settings?.thresholds, { missingPercent: 50 });
    assert.equal(settings?.warnings.length, 1);
    assert.deepEqual({ line: settings!.warnings[0].line, column: settings!.warnings[0].column }, { line, column: 5 });
    assert.match(
      settings!.warnings[0].message,
      new RegExp(
        `^mlcycle\\.yaml:${line}:5: Unknown key "leakge" in "profile\\.thresholds"\\. Did you mean "leakage"\\?`,
      ),
    );

    const { code, stderr } = await cli(root, 'profile', 'data/train.csv');
    assert.equal(code, 0);
    assert.ok(stderr.includes(`warning: mlcycle.yaml:${line}:5: Unknown key "leakge"`), stderr);
    const json = await cli(root, 'profile', 'data/train.csv', '--json', '-');
    const profile = JSON.parse(json.stdout) as {
      thresholds: { missingPercent: number; leakage: number };
      warnings: Array<{ message: string; line: number }>;
    };
    assert.equal(profile.thresholds.missingPercent, 50);
    assert.equal(profile.thresholds.leakage, 0.95);
    assert.equal(profile.warnings[0].line, line);
    const { default: Ajv } = await import('ajv');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(join(process.cwd(), 'schemas/profile.schema.json'), 'utf8')),
    );
    assert.ok(validate(profile), JSON.stringify(validate.errors));
    assert.match(profile.warnings[0].message, /Did you mean "leakage"\?/);
  });

  it('says nothing for a valid project file', async () => {
    writeFileSync(join(root, 'mlcycle.yaml'), `${original}profile:\n  thresholds:\n    missingPercent: 50\n`);
    const { code, stderr } = await cli(root, 'profile', 'data/train.csv', '--json', '-');
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.deepEqual((await readProfileSettings(root, root))?.warnings, []);
  });
});
