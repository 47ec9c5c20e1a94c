// The server's MLflow scoring protocol over real HTTP on loopback: every request format gives
// `mlcycle predict`'s labels and probabilities for the holdout rows, a real response validates
// against the package's OpenAPI response schema, and every documented error gets its status
// and error code, naming the field and row, with no stack trace in the body.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import type { RunningServer } from '../../../src/core/deploy/server/server';
import { assertClose, serve, servedPenguins, type ServedPenguins } from './serveFixtures';

async function post(url: string, body: string | object, type = 'application/json') {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text.startsWith('{') ? JSON.parse(text) : undefined };
}

describe('mlcycle serve: MLflow scoring protocol', () => {
  let p: ServedPenguins;
  let server: RunningServer;
  let url: string;
  before(async () => {
    p = await servedPenguins();
    server = await serve(p.model, { bodyLimit: 64 * 1024 });
    url = server.url;
  });
  after(async () => {
    await server?.close();
    p?.project.dispose();
  });

  it('answers /ping, /health and /version as MLflow does', async () => {
    for (const path of ['/ping', '/health']) {
      const res = await fetch(`${url}${path}`);
      assert.equal(res.status, 200);
      assert.equal(await res.text(), '\n');
    }
    const version = await fetch(`${url}/version`);
    assert.equal(await version.text(), 'test');
  });

  it('predicts the holdout like mlcycle predict in every request format', async () => {
    const { rows, columns, expected } = p;
    const csv = [
      columns.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','),
      ...rows.map((r) => columns.map((c) => String(r[c])).join(',')),
    ].join('\n');
    const bodies: Array<[string, string | object, string?]> = [
      ['dataframe_split', { dataframe_split: { columns, data: rows.map((r) => columns.map((c) => r[c])) } }],
      ['dataframe_records', { dataframe_records: rows }],
      ['instances', { instances: rows }],
      ['inputs (columns)', { inputs: Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c])])) }],
      ['csv', csv, 'text/csv'],
    ];
    for (const [name, body, type] of bodies) {
      const res = await post(`${url}/invocations`, body, type);
      assert.equal(res.status, 200, `${name}: ${res.text}`);
      assert.deepEqual(res.json.predictions, expected.labels, name);
    }
    const withProba = await post(`${url}/invocations`, { dataframe_records: rows, params: { probabilities: true } });
    assert.deepEqual(withProba.json.classes, expected.classes);
    assertClose(withProba.json.probabilities, expected.probabilities, 'probabilities');
    // Extra columns are fine.
    const extra = await post(`${url}/invocations`, { dataframe_records: rows.map((r) => ({ ...r, note: 'x' })) });
    assert.deepEqual(extra.json.predictions, expected.labels);
  });

  it('answers with a body valid against the OpenAPI document of the package', async () => {
    const doc = JSON.parse(readFileSync(join(p.dir, 'openapi.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema({ $id: 'https://mlcycle.local/openapi.json', ...doc });
    const schema = (name: string) => ajv.getSchema(`https://mlcycle.local/openapi.json#/components/schemas/${name}`)!;
    const ok = await post(`${url}/invocations`, {
      dataframe_records: p.rows.slice(0, 3),
      params: { probabilities: true },
    });
    const validOk = schema('InvocationsResponse');
    assert.ok(validOk(ok.json), JSON.stringify(validOk.errors));
    const bad = await post(`${url}/invocations`, { dataframe_records: [{ ...p.rows[0], Island: 'Atlantis' }] });
    const validError = schema('Error');
    assert.ok(validError(bad.json), JSON.stringify(validError.errors));
  });

  it('refuses every kind of bad input with its documented status and error code', async () => {
    const good = p.rows[0];
    const numeric = p.model.signature.inputs.find((c) => c.type === 'numeric')!.name;
    const missing = { ...good } as Record<string, unknown>;
    delete missing.Island;
    const cases: Array<[string, string | object, string, number, string, RegExp, string?]> = [
      [
        'malformed JSON',
        '{"dataframe_records": [',
        'application/json',
        400,
        'MALFORMED_REQUEST',
        /parse input from JSON/,
      ],
      ['wrong content type', 'x', 'text/plain', 415, 'BAD_REQUEST', /only supports/],
      ['charset', { dataframe_records: [good] }, 'application/json; charset=latin-1', 415, 'BAD_REQUEST', /UTF-8/],
      [
        'two input fields',
        { dataframe_records: [good], instances: [good] },
        'application/json',
        400,
        'BAD_REQUEST',
        /exactly one/,
      ],
      ['no input field', { rows: [good] }, 'application/json', 400, 'BAD_REQUEST', /exactly one/],
      [
        'missing column',
        { dataframe_records: [good, missing] },
        'application/json',
        400,
        'BAD_REQUEST',
        /row 1.*"Island" is missing/,
        'missing-column',
      ],
      [
        'string in numeric',
        { dataframe_records: [{ ...good, [numeric]: 'big' }] },
        'application/json',
        400,
        'BAD_REQUEST',
        new RegExp(`row 0, column "${numeric.replace(/[()]/g, '\\$&')}"`),
        'wrong-type',
      ],
      [
        'unseen category',
        { dataframe_records: [{ ...good, Island: 'Atlantis' }] },
        'application/json',
        400,
        'BAD_REQUEST',
        /Atlantis/,
        'unseen-category',
      ],
      [
        'NaN',
        `{"dataframe_records": [${JSON.stringify(good).replace(/}$/, '')}, "${numeric}": NaN}]}`,
        'application/json',
        400,
        'BAD_REQUEST',
        /NaN/,
        'not-finite',
      ],
      [
        'Infinity in CSV',
        `${p.columns.join(',')}\n${p.columns.map((c) => (c === numeric ? 'Infinity' : String(good[c]))).join(',')}\n`,
        'text/csv',
        400,
        'BAD_REQUEST',
        /Infinity is not a finite number/,
        'not-finite',
      ],
      [
        'null',
        { dataframe_records: [{ ...good, Sex: null }] },
        'application/json',
        400,
        'BAD_REQUEST',
        /null/,
        'null-not-allowed',
      ],
      ['empty batch', { dataframe_records: [] }, 'application/json', 400, 'BAD_REQUEST', /no rows/, 'empty-batch'],
      ['rows as arrays', { instances: [[1, 2]] }, 'application/json', 400, 'BAD_REQUEST', /column names/],
      ['ragged CSV', 'a,b\n1\n', 'text/csv', 400, 'BAD_REQUEST', /row 0/],
    ];
    for (const [name, body, type, status, code, message, rowCode] of cases) {
      const res = await post(`${url}/invocations`, body, type);
      assert.equal(res.status, status, `${name}: ${res.text}`);
      assert.equal(res.json?.error_code, code, name);
      assert.match(res.json.message, message, name);
      assert.ok(!/\bat .*\.ts:\d+/.test(res.text), `${name}: no stack trace`);
      if (rowCode) assert.equal(res.json.errors[0].code, rowCode, name);
    }
  });

  it('refuses a body over the limit with 413, before reading a declared 100 MB body', async () => {
    const big = await post(`${url}/invocations`, { dataframe_records: Array(5000).fill(p.rows[0]) });
    assert.equal(big.status, 413);
    assert.equal(big.json.error_code, 'REQUEST_LIMIT_EXCEEDED');
    // Headers alone announcing 100 MB: the answer comes without a byte of the body sent.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${url}/invocations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(100 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    assert.equal(status, 413);
  });
});
