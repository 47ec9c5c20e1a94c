import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { appendDecision, latestDecisions, parseDecisions, readDecisions } from '../../../src/core/decisions';

const decision = (item: string, at: string, note = 'because') => ({
  item,
  decision: 'confirmed' as const,
  by: 'Ana',
  at,
  note,
});

test("appending creates the file, then keeps the user's comments and entries", async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'mlcycle-')), 'docs', 'decisions.yaml');
  await appendDecision(path, decision('deployment.architecture', '2026-01-01T10:00:00Z', 'Nightly batch is enough'));
  const edited = readFileSync(path, 'utf8').replace('decisions:', '# my own comment\ndecisions:');
  writeFileSync(path, edited);
  await appendDecision(path, decision('monitoring.approval', '2026-01-02T10:00:00Z', 'Lead signs off'));
  const text = readFileSync(path, 'utf8');
  assert.match(text, /# my own comment/);
  const read = await readDecisions(path);
  assert.deepEqual(read?.problems, []);
  assert.deepEqual(
    read?.decisions.map((d) => d.note),
    ['Nightly batch is enough', 'Lead signs off'],
  );
});

test('a file with YAML errors is refused and left untouched', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'mlcycle-')), 'decisions.yaml');
  const broken = 'decisions:\n  - item: x\n   bad indent: [\n';
  writeFileSync(path, broken);
  await assert.rejects(appendDecision(path, decision('a', '2026-01-01T00:00:00Z')), /YAML errors/);
  assert.equal(readFileSync(path, 'utf8'), broken);
});

test('the newest decision for an item wins', () => {
  const latest = latestDecisions([
    decision('x', '2026-01-02T00:00:00Z', 'new'),
    decision('x', '2026-01-01T00:00:00Z', 'old'),
  ]);
  assert.equal(latest.get('x')?.note, 'new');
});

test('malformed entries are reported with their position', () => {
  const { decisions, problems } = parseDecisions(
    'decisions:\n  - item: x\n    decision: maybe\n    by: Ana\n    at: 2026-01-01T00:00:00Z\n',
  );
  assert.equal(decisions.length, 0);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].start.line, 2);
});
