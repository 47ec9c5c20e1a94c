// The `package` job end to end on a real penguins run: the signature's categories and ranges
// against the training file read independently here, checkRows' errors for each kind of bad
// row, the OpenAPI document valid per the official 3.1 meta-schema (ajv, JSON Schema 2020-12)
// and the example valid against the request schema it declares, the .tgz read by the system
// tar with the folder's exact bytes, verifyPackage catching one altered byte and a missing file,
// a newer format refused, a cancel leaving no package, and bad input exiting 2.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { packageModel } from '../../../src/core/deploy/packageJob';
import { listFiles, readPackageManifest, verifyPackage } from '../../../src/core/deploy/packageManifest';
import { checkRows, type ModelSignature } from '../../../src/core/deploy/signature';
import { PENGUINS_SPEC, tempProject, testContext } from '../model/train/trainFixtures';
import { runMlcycle } from '../support/runCliInProcess';
import { deriveChecklist } from '../../../src/core/lifecycle/checklist';
import { collectProjectState } from '../../../src/core/lifecycle/projectState';

const OAS_SCHEMA = join(process.cwd(), 'test/fixtures/openapi/oas-3.1-schema-2022-10-07.json');

/** A small CSV reader for the example files (no quoted fields in them). */
function readCsv(path: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('mlcycle package', () => {
  let project: ReturnType<typeof tempProject>;
  let runId: string;
  let dir: string;
  let signature: ModelSignature;
  before(async () => {
    project = tempProject('penguins', PENGUINS_SPEC);
    const train = await runMlcycle(project.root, 'train', 'pipeline.yaml', '--json', 'run.json');
    assert.ok(train.code <= 1, train.stderr);
    runId = JSON.parse(readFileSync(join(project.root, 'run.json'), 'utf8')).runId;
    const packaged = await runMlcycle(project.root, 'package', `${runId}:forest`, '--json', 'package.json');
    assert.equal(packaged.code, 0, packaged.stderr);
    const result = JSON.parse(readFileSync(join(project.root, 'package.json'), 'utf8'));
    assert.equal(result.id, `${runId}--forest`);
    dir = join(project.root, result.dir);
    signature = JSON.parse(readFileSync(join(dir, 'signature.json'), 'utf8'));
  });
  after(() => project.dispose());

  it('writes the documented files and a manifest of the run', async () => {
    assert.deepEqual(await listFiles(dir), [
      'CONTRACT.md',
      'input-example.json',
      'mlcycle-package.json',
      'model/forest.model.json',
      'openapi.json',
      'signature.json',
    ]);
    const manifest = await readPackageManifest(dir);
    assert.equal(manifest.runId, runId);
    assert.equal(manifest.model, 'forest');
    assert.ok(manifest.data.some((d) => d.path === 'data/train.csv'));
    assert.equal(typeof manifest.metrics.cv?.[manifest.metrics.primary], 'number');
    const copied = readFileSync(join(dir, 'model/forest.model.json'));
    assert.ok(copied.equals(readFileSync(join(project.root, `.mlcycle/runs/${runId}/forest.model.json`))));
    const contract = readFileSync(join(dir, 'CONTRACT.md'), 'utf8');
    for (const key of [
      'dataframe_split',
      'dataframe_records',
      'instances',
      'inputs',
      'text/csv',
      '/v2/models/forest/infer',
    ])
      assert.ok(contract.includes(key), key);
  });

  it('takes categories and ranges from the training file', () => {
    const rows = readCsv(join(project.root, 'data/train.csv'));
    for (const column of signature.inputs) {
      const values = rows.map((r) => r[column.name]).filter((v) => v !== '' && v !== 'NA');
      if (column.type === 'categorical') assert.deepEqual(column.categories, [...new Set(values)].sort(), column.name);
      else {
        const numbers = values.map(Number);
        assert.deepEqual(column.range, { min: Math.min(...numbers), max: Math.max(...numbers) }, column.name);
      }
      const hasMissing = rows.some((r) => r[column.name] === '' || r[column.name] === 'NA');
      assert.equal(column.missingInTraining, hasMissing, column.name);
    }
    assert.equal(signature.outputs.prediction, 'label');
    assert.deepEqual(signature.outputs.classes, [...new Set(rows.map((r) => r.Species))].sort());
  });

  it('checkRows names the row and field of each bad value', () => {
    const example = JSON.parse(readFileSync(join(dir, 'input-example.json'), 'utf8'));
    assert.deepEqual(checkRows(signature, example), { ok: true, errors: [], extraColumns: [], moreErrors: 0 });
    const strict: ModelSignature = {
      ...signature,
      inputs: signature.inputs.map((c) => ({ ...c, nullable: false, unknown: 'error' as const })),
    };
    const good = example[0];
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ ...good, Island: undefined }, 'missing-column', 'Island'],
      [{ ...good, 'Body Mass (g)': '4000' }, 'wrong-type', 'Body Mass (g)'],
      [{ ...good, Island: 'Atlantis' }, 'unseen-category', 'Island'],
      [{ ...good, 'Beak Length (mm)': NaN }, 'not-finite', 'Beak Length (mm)'],
      [{ ...good, 'Beak Length (mm)': Infinity }, 'not-finite', 'Beak Length (mm)'],
      [{ ...good, Sex: null }, 'null-not-allowed', 'Sex'],
    ];
    for (const [row, code, field] of cases) {
      if (row.Island === undefined) delete row.Island;
      const check = checkRows(strict, [good, row]);
      assert.equal(check.ok, false, code);
      assert.equal(check.errors.length, 1, code);
      assert.deepEqual({ ...check.errors[0], message: '' }, { row: 1, field, code, message: '' });
      assert.ok(check.errors[0].message.includes(field), check.errors[0].message);
    }
    const extra = checkRows(signature, [{ ...good, comment: 'hi' }]);
    assert.equal(extra.ok, true);
    assert.deepEqual(extra.extraColumns, ['comment']);
    assert.equal(checkRows(signature, []).errors[0].code, 'empty-batch');
    assert.equal(checkRows(signature, [[1, 2]]).errors[0].code, 'not-an-object');
    // Unseen categories pass where the pipeline ignores them.
    assert.equal(checkRows(signature, [{ ...good, Island: 'Atlantis' }]).ok, signature.inputs[0].unknown === 'ignore');
  });

  it('writes an OpenAPI document valid per the 3.1 meta-schema, whose request schema accepts the example', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'openapi.json'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    // ajv supports $dynamicAnchor only at a schema's root; the meta-schema's one `$dynamicRef: "#meta"`
    // names $defs/schema (nothing extends the dialect here), so point it there statically.
    const metaText = readFileSync(OAS_SCHEMA, 'utf8').replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"');
    const validateDoc = ajv.compile(JSON.parse(metaText));
    assert.ok(validateDoc(doc), JSON.stringify(validateDoc.errors, null, 2));
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/health',
      '/invocations',
      '/metrics',
      '/ping',
      '/v2/health/live',
      '/v2/health/ready',
      '/v2/models/{name}',
      '/v2/models/{name}/infer',
      '/v2/models/{name}/ready',
      '/v2/models/{name}/versions/{version}',
      '/v2/models/{name}/versions/{version}/infer',
      '/v2/models/{name}/versions/{version}/ready',
      '/version',
    ]);
    assert.deepEqual(Object.keys(doc.paths['/invocations'].post.responses).sort(), ['200', '400', '413', '415']);
    const schemas = new Ajv2020({ strict: false, allErrors: true });
    schemas.addSchema({ $id: 'https://mlcycle.local/openapi.json', ...doc });
    const request = (name: string) => {
      const v = schemas.getSchema(`https://mlcycle.local/openapi.json#/components/schemas/${name}`);
      assert.ok(v, name);
      return v;
    };
    const example = JSON.parse(readFileSync(join(dir, 'input-example.json'), 'utf8'));
    const invocations = request('InvocationsRequest');
    const columns = signature.inputs.map((c) => c.name);
    for (const body of [
      { dataframe_records: example },
      { instances: example },
      { dataframe_split: { columns, data: example.map((r: Record<string, unknown>) => columns.map((c) => r[c])) } },
    ])
      assert.ok(invocations(body), JSON.stringify(invocations.errors));
    assert.equal(invocations({ dataframe_records: example, instances: example }), false, 'two input fields');
    assert.equal(invocations({ dataframe_records: [{ ...example[0], Sex: 5 }] }), false, 'a number as Sex');
    for (const [name, value] of Object.entries(
      doc.paths['/invocations'].post.requestBody.content['application/json'].examples,
    ))
      assert.ok(invocations((value as { value: unknown }).value), name);
    const v2 = request('V2InferenceRequest');
    assert.ok(
      v2(doc.paths['/v2/models/{name}/infer'].post.requestBody.content['application/json'].examples.rows.value),
    );
  });

  it('archives exactly the folder, readable by the system tar', () => {
    const archive = `${dir}.tgz`;
    const id = `${runId}--forest`;
    const listed = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    assert.ok(listed.includes(`${id}/model/forest.model.json`));
    const out = mkdtempSync(join(tmpdir(), 'mlcycle-untar-'));
    try {
      execFileSync('tar', ['-xzf', archive, '-C', out]);
      const files = readdirSync(join(out, id), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(join(out, id).length + 1));
      assert.equal(files.length, 6);
      for (const f of files) assert.equal(sha(join(out, id, f)), sha(join(dir, f)), f);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('is idempotent: packaging again reuses the identical package', async () => {
    const before = sha(`${dir}.tgz`);
    const again = await packageModel({ root: project.root, model: `${runId}:forest` }, testContext());
    assert.equal(again.reused, true);
    assert.equal(sha(`${dir}.tgz`), before);
  });

  it('verifyPackage detects one altered byte and a missing file, and a newer format is refused', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'mlcycle-pkg-'));
    try {
      execFileSync('cp', ['-r', `${dir}/.`, copy]);
      assert.equal((await verifyPackage(copy)).ok, true);
      const model = join(copy, 'model/forest.model.json');
      const bytes = readFileSync(model);
      bytes[100] ^= 1;
      writeFileSync(model, bytes);
      unlinkSync(join(copy, 'CONTRACT.md'));
      const check = await verifyPackage(copy);
      assert.deepEqual(
        { ok: check.ok, altered: check.altered, missing: check.missing },
        { ok: false, altered: ['model/forest.model.json'], missing: ['CONTRACT.md'] },
      );
      const manifestFile = join(copy, 'mlcycle-package.json');
      writeFileSync(
        manifestFile,
        JSON.stringify({ ...JSON.parse(readFileSync(manifestFile, 'utf8')), formatVersion: 99 }),
      );
      await assert.rejects(readPackageManifest(copy), /format version 99.*newer ML Lifecycle/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a cancel from the progress callback leaves no package and no archive', async () => {
    for (const stop of ['Copying', 'Hashing', 'Writing the archive', 'Moving']) {
      const ctx = testContext((p) => p.message?.startsWith(stop) ?? false);
      await assert.rejects(packageModel({ root: project.root, model: `${runId}:logistic_regression` }, ctx), {
        name: 'AbortError',
      });
      const packages = readdirSync(join(project.root, '.mlcycle/packages'));
      assert.deepEqual(
        packages.filter((n) => n.includes('logistic_regression')),
        [],
        stop,
      );
    }
  });

  it("the sidebar's packaging and API items pass from the package record, and go stale when the model changes", async () => {
    const items = async () =>
      deriveChecklist(await collectProjectState(project.root))
        .flatMap((p) => p.items)
        .filter((i) => i.id === 'deployment.package' || i.id === 'deployment.interface');
    const now = await items();
    assert.deepEqual(
      now.map((i) => [i.id, i.status]),
      [
        ['deployment.package', 'passing'],
        ['deployment.interface', 'passing'],
      ],
      now.map((i) => i.detail).join('; '),
    );
    const record = JSON.parse(readFileSync(join(project.root, `.mlcycle/packages/${runId}--forest.json`), 'utf8'));
    assert.equal(record.data.apiSpec, `.mlcycle/packages/${runId}--forest/openapi.json`);
    // The run's model artifact is what the package was made from.
    const artifact = join(project.root, record.inputs[0].path);
    writeFileSync(artifact, readFileSync(artifact, 'utf8').replace(/\}\s*$/, '}\n\n'));
    assert.equal((await items())[0].status, 'stale');
  });

  it('refuses an unknown run or model with exit 2', async () => {
    const noRun = await runMlcycle(project.root, 'package', 'no-such-run');
    assert.equal(noRun.code, 2);
    assert.match(noRun.stderr, /no-such-run/);
    const noModel = await runMlcycle(project.root, 'package', `${runId}:nope`);
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /no model "nope"/);
    assert.ok(!existsSync(join(project.root, `.mlcycle/packages/${runId}--nope`)));
  });
});
