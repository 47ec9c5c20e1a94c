import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLocation, isCancelled, JobError } from '../../../src/protocol/jobError';
import { isHostMessage, isWorkerMessage } from '../../../src/protocol/jobs';

describe('JobError', () => {
  it('survives the trip through JSON (as over IPC) with code, location and stack', () => {
    const original = new JobError('bad-input', 'data.csv:3:7: bad', { file: '/w/data.csv', line: 3, column: 7 });
    const copy = JobError.fromData(JSON.parse(JSON.stringify(original.toData())));
    assert.ok(copy instanceof JobError);
    assert.equal(copy.code, 'bad-input');
    assert.equal(copy.message, 'data.csv:3:7: bad');
    assert.deepEqual([copy.file, copy.line, copy.column], ['/w/data.csv', 3, 7]);
    assert.equal(copy.stack, original.stack);
  });

  it('normalises what jobs throw', () => {
    const abort = new AbortController();
    abort.abort();
    assert.equal(JobError.from(abort.signal.reason).code, 'cancelled');
    assert.equal(isCancelled(abort.signal.reason), true);
    const bug = JobError.from(new RangeError('too deep'));
    assert.equal(bug.code, 'failed');
    assert.match(bug.stack ?? '', /RangeError: too deep/);
    assert.equal(JobError.from('a string').message, 'a string');
    assert.equal(JobError.fromData({ code: 'weird' as never, message: 'x' }).code, 'failed');
  });

  it('formats locations', () => {
    assert.equal(formatLocation({ file: 'a.csv', line: 2, column: 5 }), 'a.csv:2:5');
    assert.equal(formatLocation({ file: 'a.csv', line: 2 }), 'a.csv:2');
    assert.equal(formatLocation({}), '');
  });
});

describe('protocol guards', () => {
  it('accept well-formed messages and refuse the rest', () => {
    assert.equal(isHostMessage({ type: 'run', id: 1, job: 'inspect', params: {} }), true);
    assert.equal(isHostMessage({ type: 'run', id: 1 }), false);
    assert.equal(isHostMessage({ type: 'cancel', id: '1' }), false);
    assert.equal(isWorkerMessage({ type: 'ready', pid: 12 }), true);
    assert.equal(isWorkerMessage({ type: 'error', id: 1, error: { code: 'failed', message: 'x' } }), true);
    assert.equal(isWorkerMessage({ type: 'error', id: 1 }), false);
    assert.equal(isWorkerMessage({ type: 'result', id: 1, result: null }), true);
    assert.equal(isWorkerMessage(null), false);
    assert.equal(isWorkerMessage({ type: 'run', id: 1, job: 'x' }), false);
  });
});
