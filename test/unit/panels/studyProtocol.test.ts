// The study view's messages in the typed webview protocol: a live update is accepted only
// whole, the study report is a report kind (so a saved state revives and an export embeds it).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isHostToWebview, isReportPayload, isWebviewState, REPORT_KINDS } from '../../../src/protocol/webview';

const update = {
  type: 'study-update',
  studyId: 's1',
  generatedAt: '2026-12-08T00:00:00.000Z',
  summary: { studyId: 's1' },
  rows: [],
  status: { running: true, notices: [] },
};

describe('study view protocol', () => {
  it('accepts a whole study update and refuses a partial one', () => {
    assert.equal(isHostToWebview(update), true);
    for (const key of ['studyId', 'generatedAt', 'summary', 'rows', 'status']) {
      const partial: Record<string, unknown> = { ...update };
      delete partial[key];
      assert.equal(isHostToWebview(partial), false, `without ${key}`);
    }
    assert.equal(isHostToWebview({ ...update, rows: 'all' }), false);
  });

  it('knows the study report as a report kind', () => {
    assert.ok(REPORT_KINDS.includes('study'));
    const report = { kind: 'study', generatedAt: '', project: {}, summary: {}, rows: [], status: {} };
    assert.equal(isReportPayload(report), true);
    assert.equal(isWebviewState({ report }), true);
  });
});
