// Messages from a webview are checked before the host acts on them: only the four known
// shapes pass, and commands outside mlcycle.* never reach executeCommand.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostToWebview, isReportPayload, isWebviewState, isWebviewToHost } from '../../../src/protocol/webview';
import { countStatuses, passingSummary, totalCounts } from '../../../webview/overview/statusCounts';
import { overviewFixture } from './overviewFixture';

describe('isWebviewToHost', () => {
  it('accepts the known messages', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'export' },
      { type: 'problem', message: 'CSP refused inline' },
      { type: 'rendered', generatedAt: '2025-11-26T09:30:00.000Z', charts: 1 },
      { type: 'command', command: 'mlcycle.runItemAction', args: ['problem.baseline'] },
      { type: 'command', command: 'mlcycle.inspectDatasets' },
    ])
      assert.equal(isWebviewToHost(message), true, JSON.stringify(message));
  });

  it('refuses foreign commands, malformed arguments and unknown types', () => {
    for (const message of [
      { type: 'command', command: 'workbench.action.terminal.sendSequence', args: [{ text: 'rm -rf ~\n' }] },
      { type: 'command', command: 'vscode.open' },
      { type: 'command', command: 'mlcycle.runItemAction', args: 'problem.baseline' },
      { type: 'command' },
      { type: 'eval', code: '1' },
      null,
      'ready',
      [{ type: 'ready' }],
      42,
    ])
      assert.equal(isWebviewToHost(message), false, JSON.stringify(message));
  });
});

describe('isHostToWebview and state', () => {
  it('accepts renders of known reports and errors only', () => {
    assert.equal(isHostToWebview({ type: 'render', report: overviewFixture() }), true);
    assert.equal(isHostToWebview({ type: 'error', message: 'bad yaml' }), true);
    assert.equal(isHostToWebview({ type: 'render', report: { kind: 'nonsense' } }), false);
    assert.equal(isHostToWebview({ type: 'error' }), false);
    assert.equal(isReportPayload(overviewFixture()), true);
    assert.equal(isWebviewState({ report: overviewFixture() }), true);
    assert.equal(isWebviewState({ report: null }), false);
    assert.equal(isWebviewState(undefined), false);
  });
});

describe('status counts', () => {
  const { phases } = overviewFixture();
  it('counts items per phase and in total', () => {
    assert.deepEqual(countStatuses(phases[1]), { passing: 0, failing: 1, stale: 1, missing: 0, na: 1 });
    assert.deepEqual(totalCounts(phases), { passing: 2, failing: 2, stale: 1, missing: 4, na: 2 });
  });
  it('leaves not-applicable items out of the passing summary', () => {
    assert.equal(passingSummary(totalCounts(phases)), '2 of 9 applicable items passing');
    assert.equal(passingSummary(countStatuses(phases[3])), '0 of 1 applicable item passing');
  });
});
