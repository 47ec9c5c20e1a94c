// The data dictionary in a real VS Code on the penguins workspace: drafted from the training
// profile (recorded for reuse), the sidebar item going from missing to passing, stale when an
// inspected column is not defined, and passing again after a re-draft that keeps the user's
// edits and flags a field that is not in the data. An invalid or unsaved dictionary is refused
// and left untouched. Every file the suite creates is removed at the end.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import schema from '../../schemas/data-dictionary.schema.json';
import type { DataDictionary } from '../../src/core/dictionary/dictionaryTypes';
import type { DictionaryDraftOutcome } from '../../src/extension/commands/dictionaryCommands';
import { COMMANDS } from '../../src/protocol/commands';
import { activeApi, waitFor, workspaceRoot } from './helpers';

const DICTIONARY = 'docs/data-dictionary.yaml';
const COLUMNS = [
  'Species',
  'Island',
  'Beak Length (mm)',
  'Beak Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
  'Sex',
];

async function dictionaryItem() {
  const api = await activeApi();
  await api.services.model.refresh();
  return api.services.model.snapshot?.phases.flatMap((p) => p.items).find((i) => i.id === 'data.dictionary');
}

const draft = (arg?: unknown) =>
  vscode.commands.executeCommand<DictionaryDraftOutcome | undefined>(COMMANDS.draftDataDictionary, arg, {
    open: false,
  });

suite('Data dictionary', () => {
  let root: string;
  const created = [
    DICTIONARY,
    '.mlcycle/profiles/train.json',
    '.mlcycle/drafts/data-dictionary.json',
    '.mlcycle/datasets/train.json',
    '.mlcycle/datasets/holdout.json',
    '.mlcycle/datasets/current.json',
  ];
  const preexisting = new Set<string>();

  suiteSetup(async () => {
    root = workspaceRoot();
    for (const path of created) if (existsSync(join(root, path))) preexisting.add(path);
    assert.ok(!preexisting.has(DICTIONARY), `${DICTIONARY} should not exist in the example yet`);
    const api = await activeApi();
    await waitFor('the project state', () => api.services.model.snapshot);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const path of created) if (!preexisting.has(path)) rmSync(join(root, path), { force: true });
    await (await activeApi()).services.model.refresh();
  });

  test('drafting writes a valid dictionary of every training column and records the profile', async () => {
    assert.equal((await dictionaryItem())?.status, 'missing');
    const outcome = await draft();
    assert.ok(outcome, 'the command reports what it did');
    assert.deepEqual(outcome.added, COLUMNS);
    assert.equal(outcome.written, true);
    assert.equal(outcome.path, DICTIONARY);

    const text = readFileSync(join(root, DICTIONARY), 'utf8');
    const doc = parse(text) as DataDictionary;
    assert.deepEqual(
      doc.fields.map((f) => f.name),
      COLUMNS,
    );
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(schema);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.deepEqual(doc.fields.find((f) => f.name === 'Species')?.allowedValues, ['Adelie', 'Chinstrap', 'Gentoo']);
    assert.equal(doc.fields.find((f) => f.name === 'Sex')?.nullable, true);

    const record = JSON.parse(readFileSync(join(root, '.mlcycle/profiles/train.json'), 'utf8'));
    assert.equal(record.kind, 'profile');
    assert.equal(record.data.rows, 241);
    const item = await waitFor('the dictionary item passing', async () => {
      const i = await dictionaryItem();
      return i?.status === 'passing' ? i : undefined;
    });
    assert.match(item.detail, /7 fields defined|All 7 columns defined/);
  });

  test('the sidebar checks the dictionary against the inspected columns, and a re-draft completes it', async () => {
    assert.equal(await vscode.commands.executeCommand<number>(COMMANDS.inspectDatasets), 3);
    assert.match((await dictionaryItem())?.detail ?? '', /All 7 columns defined/);

    // The user documents a field, drops the Sex entry, and adds a field the data does not have.
    const path = join(root, DICTIONARY);
    const drafted = readFileSync(path, 'utf8');
    const sexEntry = drafted.slice(drafted.indexOf('  - name: Sex\n'));
    const edited = drafted
      .replace(
        sexEntry,
        '  - name: Tag ID   # the ring number\n    type: id\n    definition: Ring fitted at first capture.\n',
      )
      .replace(
        '  - name: Species\n    type: categorical\n    definition: ""',
        '  - name: Species\n    type: categorical\n    definition: Species, identified by a specialist. # checked',
      );
    writeFileSync(path, edited);
    const stale = await waitFor('the dictionary item stale', async () => {
      const i = await dictionaryItem();
      return i?.status === 'stale' ? i : undefined;
    });
    assert.match(stale.detail, /1 column not in docs\/data-dictionary\.yaml: Sex/);

    const outcome = await draft('train');
    assert.ok(outcome);
    assert.equal(outcome.reusedProfile, true, 'the recorded profile is current: no second profiling run');
    assert.deepEqual(outcome.added, ['Sex']);
    assert.deepEqual(outcome.removed, ['Tag ID']);
    const text = readFileSync(path, 'utf8');
    assert.ok(
      text.startsWith(edited.slice(0, edited.indexOf('  - name: Tag ID'))),
      'everything before the changed entry is byte for byte the same',
    );
    assert.match(
      text,
      /  - name: Tag ID   # the ring number\n    type: id\n    definition: Ring fitted at first capture\.\n    status: removed\n    removedAt: "\d{4}-\d{2}-\d{2}"\n  - name: Sex\n/,
    );
    await waitFor('the dictionary item passing again', async () => (await dictionaryItem())?.status === 'passing');
    assert.match((await dictionaryItem())?.detail ?? '', /All 7 columns defined/);

    const unchanged = await draft();
    assert.equal(unchanged?.written, false, 'nothing new: the file is not rewritten');
    assert.equal(readFileSync(path, 'utf8'), text);
  });

  test('an invalid dictionary is refused and left untouched', async () => {
    const path = join(root, DICTIONARY);
    const good = readFileSync(path, 'utf8');
    const broken = good.replace('fields:\n', 'fields:\n  - name: [unclosed\n');
    writeFileSync(path, broken);
    assert.equal(await draft(), undefined);
    assert.equal(readFileSync(path, 'utf8'), broken);
    await waitFor('the dictionary item failing with a position', async () => {
      const item = await dictionaryItem();
      return item?.status === 'failing' && /data-dictionary\.yaml:\d+:\d+/.test(item.detail);
    });
    writeFileSync(path, good);
  });

  test('a dictionary with unsaved edits in an editor is not written underneath them', async () => {
    const path = join(root, DICTIONARY);
    const before = readFileSync(path, 'utf8');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# unsaved note\n'));
    assert.equal(editor.document.isDirty, true);
    assert.equal(await draft(), undefined);
    assert.equal(readFileSync(path, 'utf8'), before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
