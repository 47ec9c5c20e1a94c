// The project commands of the CLI (init, draft-dictionary, draft-expectations, status) in-process
// through runCli, on copies of examples/penguins and vega-datasets: the files they write are the
// editor's (the same core functions: renderProjectFile, draftDictionary, draftExpectations,
// deriveChecklist), the user's text survives a second draft, and the exit codes gate CI.
import assert from 'node:assert/strict';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { runMlcycle as mlcycle } from '../support/runCliInProcess';
import { readBaseline } from '../../../src/core/dictionary/dictionaryFiles';
import { draftDictionary } from '../../../src/core/dictionary/draftDictionary';
import { deriveChecklist, LIFECYCLE_ITEMS } from '../../../src/core/lifecycle/checklist';
import { PHASES } from '../../../src/core/lifecycle/model';
import { collectProjectState } from '../../../src/core/lifecycle/projectState';
import { profileParamsKey } from '../../../src/core/profile/profileParams';
import type { DatasetProfile } from '../../../src/core/profile/profileTypes';
import { projectProfileParams } from '../../../src/core/profile/projectProfileParams';
import { parseProjectFile, readProjectFile } from '../../../src/core/project/projectFile';
import { renderProjectFile } from '../../../src/core/project/templates';
import { draftExpectations } from '../../../src/core/validation/draftExpectations';
import { mergeExpectations } from '../../../src/core/validation/mergeExpectations';

const ROOT = process.cwd();
const PENGUINS = join(ROOT, 'examples/penguins');
const SEATTLE = join(ROOT, 'node_modules/vega-datasets/data/seattle-weather.csv');
const PENGUIN_COLUMNS = [
  'Species',
  'Island',
  'Beak Length (mm)',
  'Beak Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
  'Sex',
];

const read = (path: string) => readFileSync(path, 'utf8');
const recordedProfile = (root: string) =>
  (JSON.parse(read(join(root, '.mlcycle/profiles/train.json'))) as { data: DatasetProfile }).data;

describe('mlcycle init / draft-dictionary / draft-expectations / status', () => {
  let dir: string;
  let count = 0;
  /** A fresh copy of examples/penguins. */
  const penguins = () => {
    const root = join(dir, `penguins-${++count}`);
    cpSync(PENGUINS, root, { recursive: true });
    return root;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlcycle-project-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists the new commands', async () => {
    const { code, stdout } = await mlcycle(ROOT, '--help');
    assert.equal(code, 0);
    for (const name of ['init', 'draft-dictionary', 'draft-expectations', 'status'])
      assert.match(stdout, new RegExp(`^  ${name} +\\S`, 'm'), name);
    const status = await mlcycle(ROOT, 'status', '--help');
    assert.match(status.stdout, /--fail-on <value> +exit 1 when any item has one of these statuses/);
  });

  describe('init', () => {
    let folder: string;
    before(() => {
      folder = join(dir, 'weather');
      mkdirSync(join(folder, 'data'), { recursive: true });
      copyFileSync(SEATTLE, join(folder, 'data/seattle-weather.csv'));
      symlinkSync(SEATTLE, join(folder, 'data/linked.csv'));
    });

    it("refuses a target that is not in the data file's header, naming the columns, and writes nothing", async () => {
      const { code, stderr } = await mlcycle(
        folder,
        'init',
        '--dataset',
        'data/seattle-weather.csv',
        '--task',
        'classification',
        '--target',
        'Weather',
      );
      assert.equal(code, 2);
      assert.match(
        stderr,
        /data\/seattle-weather\.csv has no column "Weather" \(did you mean "weather"\?\); its columns are: date, precipitation, temp_max, temp_min, wind, weather\./,
      );
      assert.equal(existsSync(join(folder, 'mlcycle.yaml')), false);
    });

    it('refuses an unknown task, a missing data file, a file outside the folder and missing flags', async () => {
      const cases: Array<[string[], RegExp]> = [
        [
          ['--dataset', 'data/seattle-weather.csv', '--task', 'clustering', '--target', 'weather'],
          /Unknown task "clustering"/,
        ],
        [
          ['--dataset', 'data/none.csv', '--task', 'regression', '--target', 'wind'],
          /The dataset data\/none\.csv does not exist in /,
        ],
        [
          ['--dataset', SEATTLE, '--task', 'regression', '--target', 'wind'],
          /is outside .*keep the project's data inside its folder/,
        ],
        [['--task', 'regression'], /init needs --dataset, --target\./],
        [
          ['--dataset', 'data/linked.csv', '--task', 'regression', '--target', 'wind'],
          /data\/linked\.csv is a link to a file outside /,
        ],
      ];
      for (const [args, message] of cases) {
        const { code, stderr } = await mlcycle(folder, 'init', ...args);
        assert.equal(code, 2, args.join(' '));
        assert.match(stderr, message);
      }
      assert.equal(existsSync(join(folder, 'mlcycle.yaml')), false);
    });

    it("writes the editor's project file, valid against the schema, then refuses to overwrite it", async () => {
      const args = ['init', '-d', 'data/seattle-weather.csv', '--task', 'classification', '-t', 'weather'];
      const first = await mlcycle(folder, ...args, '--name', 'Seattle weather');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^Created mlcycle\.yaml: project "Seattle weather", classification of "weather"/);
      const file = join(folder, 'mlcycle.yaml');
      const text = read(file);
      const expected = { name: 'Seattle weather', task: 'classification', target: 'weather' } as const;
      assert.equal(text, renderProjectFile({ ...expected, train: 'data/seattle-weather.csv' }));
      const parsed = parseProjectFile(text, folder);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.project?.datasets.train, 'data/seattle-weather.csv');

      writeFileSync(file, `${text}# my own note\n`);
      const again = await mlcycle(folder, ...args, '--target', 'wind', '--task', 'regression');
      assert.equal(again.code, 2);
      assert.match(again.stderr, /mlcycle\.yaml already exists: init never overwrites a project file/);
      assert.equal(read(file), `${text}# my own note\n`);
    });

    it('names the folder after its directory by default, and gives the result as JSON', async () => {
      const other = join(dir, 'cars');
      mkdirSync(other);
      copyFileSync(join(ROOT, 'node_modules/vega-datasets/data/cars.json'), join(other, 'cars.json'));
      const { code, stdout, stderr } = await mlcycle(
        dir,
        'init',
        '--root',
        'cars',
        '--dataset',
        'cars/cars.json',
        '--task',
        'regression',
        '--target',
        'Miles_per_Gallon',
        '--json',
        '-',
      );
      assert.equal(code, 0, stderr);
      const json = JSON.parse(stdout);
      assert.equal(json.name, 'cars');
      assert.equal(json.train, 'cars.json');
      assert.ok(json.columns.includes('Horsepower'));
      assert.equal((await readProjectFile(other))?.project?.target, 'Miles_per_Gallon');
    });
  });

  describe('draft-dictionary', () => {
    it("drafts the editor's dictionary, then keeps the user's text and adds a new column on the second run", async () => {
      const root = penguins();
      const first = await mlcycle(root, 'draft-dictionary');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^docs\/data-dictionary\.yaml: 7 fields drafted\./);
      assert.match(first.stdout, /added \(7\): Species, Island, Beak Length \(mm\)/);
      const profile = recordedProfile(root);
      const project = (await readProjectFile(root))!.project!;
      const editorParams = projectProfileParams(join(root, 'data/train.csv'), root, project, true);
      assert.equal(profile.paramsKey, profileParamsKey(editorParams), "profiled with the editor's parameters");
      const file = join(root, 'docs/data-dictionary.yaml');
      const drafted = read(file);
      assert.equal(drafted, draftDictionary(profile).text);

      // The user writes a definition and a comment; the data gains a column.
      const edited = drafted
        .replace(
          /(- name: Species\n\s+type: categorical\n\s+)definition: ""/,
          '$1definition: "Species identified by a specialist"',
        )
        .replace('version: 1\n', 'version: 1\n# Reviewed with the field team.\n');
      assert.notEqual(edited, drafted);
      writeFileSync(file, edited);
      const train = join(root, 'data/train.csv');
      const rows = read(train).trimEnd().split('\n');
      writeFileSync(train, rows.map((row, i) => `${row},${i === 0 ? 'Tag' : `T${i}`}`).join('\n') + '\n');
      const baseline = await readBaseline(root, 'docs/data-dictionary.yaml');

      const second = await mlcycle(root, 'draft-dictionary', '--json', '-');
      assert.equal(second.code, 0, second.stderr);
      const outcome = JSON.parse(second.stdout);
      assert.deepEqual(outcome.added, ['Tag']);
      assert.deepEqual(outcome.kept, PENGUIN_COLUMNS);
      assert.equal(outcome.written, true);
      assert.equal(outcome.reusedProfile, false, 'the data changed: a new profile');
      const merged = read(file);
      assert.match(merged, /definition: "Species identified by a specialist"/);
      assert.match(merged, /^# Reviewed with the field team\.$/m);
      assert.equal(merged, draftDictionary(recordedProfile(root), edited, { baseline, file: outcome.path }).text);
      const doc = parse(merged) as { fields: Array<{ name: string; definition?: string }> };
      assert.deepEqual(
        doc.fields.map((f) => f.name),
        [...PENGUIN_COLUMNS, 'Tag'],
      );

      const third = await mlcycle(root, 'draft-dictionary');
      assert.equal(third.code, 0);
      assert.match(third.stdout, /^docs\/data-dictionary\.yaml is up to date with data\/train\.csv\./);
      assert.match(third.stdout, /from the current profile record/);
      assert.equal(read(file), merged);
    });

    it('leaves a dictionary that does not parse untouched and names its line and column', async () => {
      const root = penguins();
      const file = join(root, 'docs/data-dictionary.yaml');
      const broken = 'version: 1\nfields:\n  - name: Species\n    type: [unclosed\n';
      writeFileSync(file, broken);
      const { code, stderr } = await mlcycle(root, 'draft-dictionary');
      assert.equal(code, 2);
      assert.match(stderr, /docs\/data-dictionary\.yaml:\d+:\d+ /);
      assert.equal(read(file), broken);
      assert.equal(existsSync(join(root, '.mlcycle/profiles/train.json')), false, 'refused before profiling');
    });

    it('takes a dataset file relative to the working directory, inside the project', async () => {
      const root = penguins();
      const { code, stdout, stderr } = await mlcycle(
        join(root, 'data'),
        'draft-dictionary',
        'holdout.csv',
        '--json',
        '-',
      );
      assert.equal(code, 0, stderr);
      const outcome = JSON.parse(stdout);
      assert.equal(outcome.dataset, 'data/holdout.csv');
      assert.deepEqual(outcome.added, PENGUIN_COLUMNS);
      const outside = await mlcycle(root, 'draft-dictionary', SEATTLE);
      assert.equal(outside.code, 2);
      assert.match(outside.stderr, /outside/);
      assert.doesNotMatch(outside.stderr, /^\s+at /m, 'no stack trace');
    });

    it('says which project is missing outside a project', async () => {
      const empty = mkdtempSync(join(dir, 'empty-'));
      const { code, stderr } = await mlcycle(empty, 'draft-dictionary');
      assert.equal(code, 2);
      assert.match(stderr, /No mlcycle\.yaml found above .*: run inside a project or give --root/);
    });
  });

  describe('draft-expectations', () => {
    it("drafts the editor's document, then adds only the new columns' entries to the user's, keeping their text", async () => {
      const root = penguins();
      const first = await mlcycle(root, 'draft-expectations');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^docs\/expectations\.yaml: expectations drafted for 7 columns from data\/train\.csv/);
      const document = join(root, 'docs/expectations.yaml');
      assert.equal(read(document), draftExpectations(recordedProfile(root)));

      const mine = [
        '# Ours, agreed with the field team.',
        'version: 1',
        'expectations:',
        '  - column: Species',
        '    allowed: [Adelie, Chinstrap, Gentoo]',
        '  - column: Island',
        '    notNull: true',
        '',
      ].join('\n');
      writeFileSync(document, mine);
      const second = await mlcycle(root, 'draft-expectations', '--json', '-');
      assert.equal(second.code, 0, second.stderr);
      const outcome = JSON.parse(second.stdout);
      assert.equal(outcome.mode, 'merged');
      assert.equal(outcome.path, 'docs/expectations.yaml');
      assert.equal(outcome.reusedProfile, true, 'the data is unchanged: the recorded profile');
      assert.deepEqual(outcome.added, PENGUIN_COLUMNS.slice(2));
      assert.deepEqual(outcome.kept, ['Species', 'Island']);
      const merged = read(document);
      assert.ok(merged.startsWith(mine), "the user's text comes first, byte for byte");
      assert.equal(merged, mergeExpectations(mine, recordedProfile(root), 'docs/expectations.yaml').text);
      assert.equal(existsSync(join(root, 'docs/expectations.draft.yaml')), false);

      const third = await mlcycle(root, 'draft-expectations');
      assert.equal(third.code, 0);
      assert.match(
        third.stdout,
        /^docs\/expectations\.yaml already has entries for every column of data\/train\.csv: nothing to add\./,
      );
      assert.match(third.stdout, /kept your entries for \(7: Species, Island, Beak Length \(mm\)/);
      assert.equal(read(document), merged);

      // The data gains a column: the next draft adds its entry, and nothing else.
      const train = join(root, 'data/train.csv');
      const rows = read(train).trimEnd().split('\n');
      writeFileSync(train, rows.map((row, i) => `${row},${i === 0 ? 'Tag' : `T${i}`}`).join('\n') + '\n');
      const fourth = JSON.parse((await mlcycle(root, 'draft-expectations', '--json', '-')).stdout);
      assert.equal(fourth.reusedProfile, false);
      assert.deepEqual(fourth.added, ['Tag']);
      const grown = read(document);
      assert.ok(grown.startsWith(merged));
      assert.match(
        grown.slice(merged.length),
        /^\n {2}# Drafted by ML Lifecycle[^\n]*\n {2}# One entry per column\n {2}- column: "Tag" # id /,
      );
    });

    it('drafts beside a document it cannot merge into, never over it, and says why', async () => {
      const root = penguins();
      const document = join(root, 'docs/expectations.yaml');
      const broken = 'version: 1\nexpectations:\n  - column: [Species\n';
      writeFileSync(document, broken);
      const first = await mlcycle(root, 'draft-expectations');
      assert.equal(first.code, 0, first.stderr);
      assert.match(
        first.stdout,
        /^docs\/expectations\.yaml cannot be merged into \(docs\/expectations\.yaml:\d+:\d+ .*\), so the draft went to docs\/expectations\.draft\.yaml/,
      );
      assert.match(first.stdout, /kept docs\/expectations\.yaml as you wrote it/);
      assert.equal(read(document), broken);
      assert.equal(read(join(root, 'docs/expectations.draft.yaml')), draftExpectations(recordedProfile(root)));
      const second = await mlcycle(root, 'draft-expectations', '--json', '-');
      assert.equal(JSON.parse(second.stdout).path, 'docs/expectations.draft-2.yaml');
      assert.equal(read(document), broken);
    });

    it('names the missing training data', async () => {
      const root = penguins();
      rmSync(join(root, 'data/train.csv'));
      const { code, stderr } = await mlcycle(root, 'draft-expectations');
      assert.equal(code, 2);
      assert.match(stderr, /the training data data\/train\.csv does not exist \(mlcycle\.yaml datasets\.train\)/i);
    });
  });

  describe('status', () => {
    it("prints the sidebar's checklist, phase by phase, as text and as JSON", async () => {
      const root = penguins();
      const text = await mlcycle(root, 'status');
      assert.equal(text.code, 0, text.stderr);
      const json = await mlcycle(root, 'status', '--json', '-');
      const status = JSON.parse(json.stdout);
      assert.equal(status.root, root);
      assert.equal(status.project, 'Penguin species');
      assert.deepEqual(
        status.phases.map((p: { id: string }) => p.id),
        PHASES.map((p) => p.id),
      );
      const items = status.phases.flatMap((p: { items: unknown[] }) => p.items);
      assert.equal(items.length, LIFECYCLE_ITEMS.length);
      const sidebar = deriveChecklist(await collectProjectState(root)).flatMap((p) => p.items);
      assert.deepEqual(
        items.map((i: { id: string; status: string; evidence: string }) => [i.id, i.status, i.evidence]),
        sidebar.map((i) => [i.id, i.status, i.detail]),
      );
      const byId = new Map(items.map((i: { id: string }) => [i.id, i]));
      assert.deepEqual(byId.get('problem.task'), {
        id: 'problem.task',
        title: 'Translated into an ML task',
        status: 'passing',
        evidence: 'classification of "Species".',
        next: 'Open mlcycle.yaml',
      });
      assert.equal((byId.get('data.dictionary') as { status: string }).status, 'missing');
      const total = Object.values(status.counts as Record<string, number>).reduce((a, b) => a + b, 0);
      assert.equal(total, LIFECYCLE_ITEMS.length);

      assert.match(text.stdout, /^Penguin species: /);
      assert.match(text.stdout, /^Problem definition$/m);
      assert.match(text.stdout, /^Monitoring and maintenance$/m);
      assert.match(
        text.stdout,
        /^ {2}passing {2}problem\.task +Translated into an ML task\n {11,}classification of "Species"\.$/m,
      );
      assert.match(
        text.stdout,
        /^ {2}missing {2}data\.dictionary +Data dictionary written\n +No docs\/data-dictionary\.yaml yet\.$/m,
      );

      await mlcycle(root, 'draft-dictionary');
      const after = JSON.parse((await mlcycle(root, 'status', '--json', '-')).stdout);
      const dictionary = after.phases
        .flatMap((p: { items: unknown[] }) => p.items)
        .find((i: { id: string }) => i.id === 'data.dictionary');
      assert.notEqual(dictionary.status, 'missing', 'the drafted dictionary counts');
    });

    it('on a folder without a project: every item missing, the first one saying why', async () => {
      const empty = mkdtempSync(join(dir, 'empty-'));
      const { code, stdout } = await mlcycle(empty, 'status', '--json', '-');
      assert.equal(code, 0);
      const status = JSON.parse(stdout);
      assert.equal(status.project, undefined);
      assert.equal(status.counts.missing, LIFECYCLE_ITEMS.length);
      const task = status.phases[0].items.find((i: { id: string }) => i.id === 'problem.task');
      assert.equal(task.evidence, 'No mlcycle.yaml in this folder.');
      const text = await mlcycle(empty, 'status');
      assert.match(
        text.stdout,
        new RegExp(`^ {2}0 passing, 0 failing, 0 stale, ${LIFECYCLE_ITEMS.length} missing, 0 n/a$`, 'm'),
      );
    });

    it('--fail-on: exit 1 naming the items with those statuses, 0 when none, 2 for an unknown status', async () => {
      const empty = mkdtempSync(join(dir, 'empty-'));
      const missing = await mlcycle(empty, 'status', '--fail-on', 'missing', '--json', '-');
      assert.equal(missing.code, 1);
      assert.match(
        missing.stderr,
        new RegExp(
          `^check failed: ${LIFECYCLE_ITEMS.length} items with --fail-on status:\n  missing \\(${LIFECYCLE_ITEMS.length}\\): problem\\.charter, `,
        ),
      );
      assert.doesNotThrow(() => JSON.parse(missing.stdout), 'the JSON stays clean on stdout');
      assert.equal((await mlcycle(empty, 'status', '--fail-on', 'failing,stale')).code, 0);

      const root = penguins();
      assert.equal((await mlcycle(root, 'status', '--fail-on', 'failing,stale')).code, 0);
      await mlcycle(root, 'draft-dictionary'); // records the training profile
      assert.equal((await mlcycle(root, 'status', '--fail-on', 'stale')).code, 0);
      appendFileSync(join(root, 'data/train.csv'), 'Adelie,Dream,39.2,18.1,190,3900,MALE\n');
      const gate = await mlcycle(root, 'status', '--fail-on', ' failing , stale ');
      assert.equal(gate.code, 1);
      assert.match(gate.stderr, /^ {2}stale \(1\): data\.eda$/m);

      const project = join(root, 'mlcycle.yaml');
      writeFileSync(project, read(project).replace('task: classification', 'task: clustering'));
      const failing = await mlcycle(root, 'status', '--fail-on', 'failing');
      assert.equal(failing.code, 1);
      assert.match(failing.stderr, /^ {2}failing \(\d+\): .*problem\.task/m);
      assert.match(
        failing.stdout,
        /^ {2}failing {2}problem\.task +Translated into an ML task\n +mlcycle\.yaml:\d+:\d+ /m,
      );

      const bad = await mlcycle(root, 'status', '--fail-on', 'failing,broken');
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /--fail-on: unknown status "broken" \(use failing, stale, missing\)\./);
    });
  });
});
