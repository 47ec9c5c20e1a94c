import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LIFECYCLE_ITEMS } from '../../../src/core/lifecycle/checklist';
import { COMMANDS } from '../../../src/protocol/commands';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));

test('package.json declares exactly the commands of the command map', () => {
  const declared = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(declared, Object.values(COMMANDS).sort());
});

test('every command referenced by menus or the walkthrough exists', () => {
  const known = new Set<string>(Object.values(COMMANDS));
  for (const entries of Object.values(pkg.contributes.menus) as Array<Array<{ command: string }>>) {
    for (const entry of entries) assert.ok(known.has(entry.command), entry.command);
  }
  const text = JSON.stringify(pkg.contributes.walkthroughs) + JSON.stringify(pkg.contributes.viewsWelcome);
  for (const [, id] of text.matchAll(/command:(mlcycle\.[A-Za-z]+)/g)) assert.ok(known.has(id), id);
});

test('every lifecycle item acts through a declared command', async () => {
  const { collectProjectState } = await import('../../../src/core/lifecycle/projectState');
  const { deriveChecklist } = await import('../../../src/core/lifecycle/checklist');
  const state = await collectProjectState(join(__dirname, '../../../examples/penguins'));
  const known = new Set<string>(Object.values(COMMANDS));
  for (const item of deriveChecklist(state).flatMap((p) => p.items))
    assert.ok(known.has(item.action.command), `${item.id}: ${item.action.command}`);
  assert.ok(LIFECYCLE_ITEMS.length >= 40);
});

test('the extension activates only on its project file, its commands and its views', () => {
  for (const event of pkg.activationEvents as string[]) {
    assert.match(
      event,
      /^(workspaceContains:\*\*\/mlcycle\.yaml|onCommand:mlcycle\.|onView:mlcycle\.|onWebviewPanel:mlcycle\.)/,
      event,
    );
  }
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
});

test('the packaged extension ships every Node bundle the build makes (threads included)', () => {
  const build = readFileSync(join(__dirname, '../../../scripts/build.mjs'), 'utf8');
  const ignore = readFileSync(join(__dirname, '../../../.vscodeignore'), 'utf8').split('\n');
  const bundles = [...build.matchAll(/entryPoints: \{ (\w+): '[^']+' \}, outdir: 'dist'/g)].map((m) => m[1]);
  const multiLine = [...build.matchAll(/entryPoints: \{ (\w+): 'src\/[^']+' \},\n\s+outdir: 'dist'/g)].map((m) => m[1]);
  const all = [...new Set([...bundles, ...multiLine])];
  assert.ok(all.includes('explainThread') && all.includes('trialThread'), all.join(', '));
  for (const name of all) assert.ok(ignore.includes(`!dist/${name}.js`), `.vscodeignore lets dist/${name}.js through`);
});
