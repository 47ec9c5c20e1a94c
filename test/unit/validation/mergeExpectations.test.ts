// Re-drafting expectations into the user's document, on the real penguins profile: the entries
// of uncovered columns are exactly the full draft's entries for them, appended after the user's,
// whose text stays byte for byte; layouts that cannot take them are refused with a reason.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { profileDataset } from '../../../src/core/profile/profileDataset';
import type { DatasetProfile } from '../../../src/core/profile/profileTypes';
import { draftExpectations } from '../../../src/core/validation/draftExpectations';
import type { Check } from '../../../src/core/validation/expectationTypes';
import { mergeExpectations } from '../../../src/core/validation/mergeExpectations';
import { parseExpectations } from '../../../src/core/validation/parseExpectations';
import { PENGUINS } from './helpers';

const ctx = () => ({ signal: new AbortController().signal, report: () => undefined });
const FILE = 'docs/expectations.yaml';

/** What a check verifies, without where it was written. */
const specs = (text: string) => {
  const { suite, problems } = parseExpectations(text);
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
  );
  return suite!.checks.map((c: Check) => JSON.stringify([c.spec, c.severity]));
};
const subject = (c: string) => {
  const [spec] = JSON.parse(c) as [{ column?: string; when?: string }];
  return spec.column ?? spec.when;
};

describe('mergeExpectations', () => {
  let profile: DatasetProfile;
  let draft: string;
  before(async () => {
    profile = await profileDataset({ path: PENGUINS, target: 'Species', task: 'classification' }, ctx());
    draft = draftExpectations(profile);
  });

  const MINE = [
    '# Ours, agreed with the field team.',
    'version: 1',
    'expectations:',
    '  - column: Species   # the target',
    '    allowed: [Adelie, Chinstrap, Gentoo]',
    '  - ifNull: Sex',
    '    thenNull: [Island]',
    '  - column: Retired',
    '    notNull: true',
    '  # - column: Island   (to decide)',
    '',
  ].join('\n');

  it("appends the full draft's entries of the uncovered columns after the user's, keeping every byte of theirs", () => {
    const merge = mergeExpectations(MINE, profile, FILE);
    assert.equal(merge.reason, undefined);
    const columns = profile.columns.map((c) => c.name);
    assert.deepEqual(merge.kept, ['Species', 'Sex']);
    assert.deepEqual(
      merge.added,
      columns.filter((c) => c !== 'Species' && c !== 'Sex'),
    );
    assert.deepEqual(merge.notInData, ['Retired']);
    const text = merge.text!;
    const cut = MINE.indexOf('  # - column: Island');
    assert.ok(text.startsWith(MINE.slice(0, cut)), "the user's entries come first, unchanged");
    assert.ok(text.endsWith(MINE.slice(cut)), "the user's trailing comment stays after the new entries");
    assert.match(text, /# Drafted by ML Lifecycle from the profile of .*train\.csv \(SHA-256 [0-9a-f]{12}…\)/);

    const added = new Set(merge.added);
    const expected = [...specs(MINE), ...specs(draft).filter((c) => added.has(subject(c)!))];
    assert.deepEqual(specs(text).sort(), expected.sort());
  });

  it("follows the indentation of the user's list, its CRLF line ends, and a missing final line break", () => {
    const flat = 'version: 1\r\nexpectations:\r\n- column: Species\r\n  notNull: true';
    const merge = mergeExpectations(flat, profile, FILE);
    const text = merge.text!;
    assert.ok(text.startsWith(`${flat}\r\n`));
    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false, 'CRLF throughout');
    assert.match(text, /\r\n- column: "Island"/);
    const added = new Set(merge.added);
    assert.deepEqual(
      specs(text).sort(),
      [...specs(flat), ...specs(draft).filter((c) => added.has(subject(c)!))].sort(),
    );
  });

  it("fills the template's empty `expectations: []`, keeping its comments", () => {
    const template = 'version: 1\nexpectations: [] # none yet\n#  - rowCount: { min: 100 }\n';
    const text = mergeExpectations(template, profile, FILE).text!;
    assert.ok(text.startsWith('version: 1\nexpectations: # none yet\n\n  # Drafted by ML Lifecycle'));
    assert.ok(text.endsWith('#  - rowCount: { min: 100 }\n'));
    assert.deepEqual(
      specs(text).sort(),
      specs(draft)
        .filter((c) => subject(c) !== undefined)
        .sort(),
    );
  });

  it('returns the text itself when every column has an entry', () => {
    const merge = mergeExpectations(draft, profile, FILE);
    assert.equal(merge.text, draft);
    assert.deepEqual(merge.added, []);
  });

  it('refuses, with a reason, a document that does not parse or a list in flow style', () => {
    const broken = mergeExpectations('version: 1\nexpectations:\n  - column: [x\n', profile, FILE);
    assert.equal(broken.text, undefined);
    assert.match(broken.reason!, /^docs\/expectations\.yaml:\d+:\d+ /);
    const flow = mergeExpectations('version: 1\nexpectations: [{ column: Species, notNull: true }]\n', profile, FILE);
    assert.equal(flow.text, undefined);
    assert.equal(flow.reason, 'docs/expectations.yaml: its expectations list is written in flow style ([...])');
  });
});
