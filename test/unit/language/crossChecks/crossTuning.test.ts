// The `tuning:` section of pipeline.yaml in the editor: the same problems `mlcycle tune` reports,
// each on the key at fault (a parameter the model lacks, low > high, a log range reaching 0).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gatherWorkspaceFacts } from '../../../../src/core/language/workspaceFacts';
import type { WorkspaceFacts } from '../../../../src/core/language/languageTypes';
import { check, read, tempProject } from './crossFixtures';

describe('tuning section cross-file checks (penguins)', () => {
  let project: ReturnType<typeof tempProject>;
  let facts: WorkspaceFacts;
  let spec: string;
  before(async () => {
    project = tempProject('penguins');
    facts = await gatherWorkspaceFacts(project.root);
    spec = read(project.root, 'pipeline.yaml');
  });
  after(() => project.dispose());

  const withTuning = (space: string) => `${spec}\ntuning:\n  space:\n${space}`;

  it('says nothing about a good section', () => {
    assert.deepEqual(
      check('pipeline', withTuning('    logistic:\n      C: { low: 0.01, high: 10, log: true }\n'), facts),
      [],
    );
  });

  it('places each bad range on its key', () => {
    const text = withTuning(
      '    logistic:\n      C: { low: 10, high: 1 }\n      tol: { low: 0, high: 0.1, log: true }\n      depth: { low: 1, high: 3 }\n',
    );
    const found = check('pipeline', text, facts);
    const lines = text.split('\n');
    const lineOf = (key: string) =>
      lines.findIndex((l) => l.trimStart().startsWith(`${key}:`) && l.startsWith('      ')) + 1;
    const at = (pattern: RegExp) => {
      const d = found.find((x) => pattern.test(x.message));
      assert.ok(d, `no diagnostic matches ${pattern}: ${found.map((x) => x.message).join(' | ')}`);
      assert.equal(d.code, 'tuning');
      return d.start.line;
    };
    assert.equal(at(/low \(10\) is above high \(1\)/), lineOf('C'));
    assert.equal(at(/A log range must be above 0/), lineOf('tol'));
    assert.equal(at(/no parameter "depth"/), lineOf('depth'));
  });

  describe('tuning.yaml', () => {
    let tuning: string;
    before(() => {
      tuning = read(project.root, 'tuning.yaml');
    });

    it("says nothing about the example's study", () => {
      assert.deepEqual(check('tuning', tuning, facts), []);
    });

    it('checks the space against the models of the spec it names, each problem on its key', () => {
      const text = tuning.replace(
        '    C: { low: 0.001, high: 100, log: true }',
        '    C: { low: 0, high: 100, log: true }\n    depth: [1, 2]',
      );
      const found = check('tuning', text, facts);
      assert.deepEqual(
        found.map((d) => [d.covers, d.severity]),
        [
          ['low', 'error'],
          ['low', 'error'],
          ['depth', 'error'],
        ],
      );
      assert.match(found[0].message, /A log range of integers starts at 1 or above: low is 0/);
      assert.match(found[1].message, /logistic\.C = 0 is not accepted: .*expected a number > 0/);
      assert.match(found[2].message, /logistic_regression has no parameter "depth" \(its parameters: penalty, C,/);
    });

    it('a spec: that does not exist or leaves the project is an error on its value', () => {
      const missing = check('tuning', tuning.replace('spec: pipeline.yaml', 'spec: pipelines/main.yaml'), facts);
      assert.deepEqual(
        missing.map((d) => [d.covers, d.message]),
        [
          [
            'pipelines/main.yaml',
            'The pipeline spec pipelines/main.yaml does not exist (spec: is relative to the tuning file).',
          ],
        ],
      );
      const outside = check('tuning', tuning.replace('spec: pipeline.yaml', 'spec: ../pipeline.yaml'), facts);
      assert.match(outside[0].message, /outside the project folder/);
    });

    it("leaves schema problems to the schema's diagnostics (each said once)", () => {
      assert.deepEqual(
        check('tuning', tuning.replace('budget: { trials: 40 }', 'budget: { trials: many }'), facts),
        [],
      );
    });
  });
});
