// The server's Open Inference Protocol (KServe V2), metrics, access log and lifecycle over real
// HTTP on loopback: V2 outputs equal `mlcycle predict`'s, /metrics parses and counts, the log
// has one line per request with its id, an altered package is refused, a port in use is exit 2,
// and close() lets a request held in flight (by a hook, not a sleep) finish.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadPackage } from '../../../src/core/deploy/server/loadServedModel';
import type { RunningServer } from '../../../src/core/deploy/server/server';
import { runMlcycle } from '../support/runCliInProcess';
import { assertClose, serve, servedPenguins, type ServedPenguins } from './serveFixtures';

const json = async (res: Response) => ({ status: res.status, body: await res.json() });

function v2Body(p: ServedPenguins, rows = p.rows) {
  return {
    id: 'req-42',
    inputs: p.model.signature.inputs.map((c) => ({
      name: c.name,
      shape: [rows.length],
      datatype: c.type === 'numeric' ? 'FP64' : 'BYTES',
      data: rows.map((r) => r[c.name]),
    })),
  };
}

describe('mlcycle serve: KServe V2, metrics, log and lifecycle', () => {
  let p: ServedPenguins;
  let server: RunningServer;
  let logDir: string;
  const infer = (body: unknown, path = '/v2/models/forest/infer') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  before(async () => {
    p = await servedPenguins();
    logDir = mkdtempSync(join(tmpdir(), 'mlcycle-serve-log-'));
    server = await serve(p.model, { logPath: join(logDir, 'serve.log.jsonl') });
  });
  after(async () => {
    await server?.close();
    p?.project.dispose();
    rmSync(logDir, { recursive: true, force: true });
  });

  it('answers health, metadata and readiness', async () => {
    assert.deepEqual(await json(await fetch(`${server.url}/v2/health/live`)), { status: 200, body: { live: true } });
    assert.deepEqual(await json(await fetch(`${server.url}/v2/health/ready`)), { status: 200, body: { ready: true } });
    const meta = await json(await fetch(`${server.url}/v2/models/forest`));
    assert.equal(meta.body.name, 'forest');
    assert.deepEqual(meta.body.versions, [p.runId]);
    assert.deepEqual(
      meta.body.inputs.map((i: { name: string }) => i.name),
      p.columns,
    );
    assert.deepEqual(
      meta.body.outputs.map((o: { name: string }) => o.name),
      ['label', 'probabilities'],
    );
    assert.equal((await fetch(`${server.url}/v2/models/forest/versions/${p.runId}/ready`)).status, 200);
    assert.equal((await fetch(`${server.url}/v2/models/other`)).status, 404);
    assert.equal((await fetch(`${server.url}/v2/models/forest/versions/nope/ready`)).status, 404);
  });

  it('infers the holdout like mlcycle predict, echoing the request id', async () => {
    for (const path of ['/v2/models/forest/infer', `/v2/models/forest/versions/${p.runId}/infer`]) {
      const { status, body } = await json(await infer(v2Body(p), path));
      assert.equal(status, 200, JSON.stringify(body));
      assert.equal(body.model_name, 'forest');
      assert.equal(body.model_version, p.runId);
      assert.equal(body.id, 'req-42');
      const label = body.outputs.find((o: { name: string }) => o.name === 'label');
      assert.deepEqual(label.data, p.expected.labels);
      const proba = body.outputs.find((o: { name: string }) => o.name === 'probabilities');
      const k = p.expected.classes.length;
      assert.deepEqual(proba.shape, [p.rows.length, k]);
      const rows = Array.from({ length: p.rows.length }, (_, i) => proba.data.slice(i * k, i * k + k));
      assertClose(rows, p.expected.probabilities, 'V2 probabilities');
    }
  });

  it('refuses bad V2 requests with a 4xx naming the input', async () => {
    const body = v2Body(p, p.rows.slice(0, 2));
    const wrongShape = { ...body, inputs: body.inputs.map((t, i) => (i === 0 ? { ...t, shape: [3] } : t)) };
    const island = { ...body, inputs: body.inputs.map((t) => (t.name === 'Island' ? { ...t, datatype: 'FP64' } : t)) };
    const missing = { ...body, inputs: body.inputs.filter((t) => t.name !== 'Sex') };
    for (const [name, req, pattern] of [
      ['shape', wrongShape, /shape/],
      ['datatype', island, /Island.*BYTES/],
      ['missing input', missing, /"Sex" is missing/],
      ['no inputs', { inputs: [] }, /inputs/],
    ] as const) {
      const res = await json(await infer(req));
      assert.equal(res.status, 400, name);
      assert.match(res.body.error, pattern, name);
    }
    const text = await fetch(`${server.url}/v2/models/forest/infer`, {
      method: 'POST',
      body: '{',
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(text.status, 400);
  });

  it('counts requests in /metrics and logs one JSON line per request with its id', async () => {
    const sample = (text: string, route: string, status: number) => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`mlcycle_requests_total{route="${route}",method="POST",status="${status}"}`));
      return line ? Number(line.split(' ').pop()) : 0;
    };
    const before = await (await fetch(`${server.url}/metrics`)).text();
    for (const l of before.split('\n').filter((l) => l && !l.startsWith('#')))
      assert.match(l, /^[a-z_]+(\{([a-z_]+="(?:[^"\\]|\\.)*",?)*\})? [0-9.e+-]+$/, l);
    const ids = ['log-a', 'log-b'];
    for (const id of ids)
      await fetch(`${server.url}/v2/models/forest/infer`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Request-Id': id },
        body: JSON.stringify({ inputs: v2Body(p).inputs }),
      });
    const afterText = await (await fetch(`${server.url}/metrics`)).text();
    const route = '/v2/models/{name}/infer';
    assert.equal(sample(afterText, route, 200), sample(before, route, 200) + 2);
    assert.match(
      afterText,
      /mlcycle_request_duration_seconds_bucket\{route="\/v2\/models\/\{name\}\/infer",le="\+Inf"\} \d+/,
    );
    // The log is a stream: read it once what was answered has been written.
    await server.flushLog();
    const lines = readFileSync(join(logDir, 'serve.log.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const logged = lines.filter((l) => ids.includes(l.requestId));
    assert.equal(logged.length, 2);
    for (const l of logged) {
      assert.equal(l.status, 200);
      assert.equal(l.model, 'forest');
      assert.equal(l.version, p.runId);
      assert.equal(l.rows, p.rows.length);
      assert.equal(typeof l.latencyMs, 'number');
      assert.ok(l.inputs.Island.counts);
      assert.ok(l.outputs.labels);
    }
  });

  it('close() lets a request held in flight finish, and refuses new connections meanwhile', async () => {
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((r) => (held = r));
    const gate = new Promise<void>((r) => (release = r));
    const s = await serve(p.model, {
      beforePredict: async () => {
        held();
        await gate;
      },
    });
    const inFlight = fetch(`${s.url}/invocations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ dataframe_records: p.rows.slice(0, 1) }),
    });
    await holding;
    let closed = false;
    const closing = s.close().then(() => (closed = true));
    await assert.rejects(fetch(`${s.url}/ping`));
    assert.equal(closed, false);
    release();
    const res = await inFlight;
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).predictions, p.expected.labels.slice(0, 1));
    await closing;
    assert.equal(closed, true);
  });

  it('refuses an altered package, and a port in use, with exit 2', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'mlcycle-serve-pkg-'));
    try {
      cpSync(p.dir, copy, { recursive: true });
      const file = join(copy, 'signature.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"nullable": false', '"nullable": true'));
      await assert.rejects(loadPackage(copy), /altered: signature\.json/);
      const cli = await runMlcycle(p.project.root, 'serve', copy, '--port', '0');
      assert.equal(cli.code, 2);
      assert.match(cli.stderr, /signature\.json/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const cli = await runMlcycle(p.project.root, 'serve', `${p.runId}:forest`, '--port', String(port));
      assert.equal(cli.code, 2);
      assert.match(cli.stderr, new RegExp(`Port ${port} .*in use`));
    } finally {
      blocker.close();
    }
  });
});
