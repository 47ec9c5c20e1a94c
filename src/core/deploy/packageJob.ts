// The `package` job: one folder .mlcycle/packages/<runId>--<model>/ and its .tgz, holding what a
// server (or a person) needs to use a trained model elsewhere: the model file(s) copied from the
// run, the signature, an input example of real training rows, the OpenAPI 3.1 document of the
// serving API, CONTRACT.md, and mlcycle-package.json with the sha256 of every file. Built in a
// temporary folder under .mlcycle/packages/ and renamed into place only when complete, so a
// cancelled or failed job leaves nothing that looks finished. A run's model never changes, so the
// id names one content: packaging it again finds the identical package and leaves it (reused);
// a package of that id with other content (altered files, another version's format) is replaced.
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { version as mlcycleVersion } from '../../../package.json';
import { JobError } from '../../protocol/jobError';
import type { JobContext } from '../../protocol/jobs';
import type { Frame } from '../model/frame';
import { loadFrame } from '../model/loadFrame';
import { throwIfAborted } from '../model/models/estimator';
import type { PipelineState } from '../model/pipeline/fittedPipeline';
import { findRun, resolveModelReference } from '../model/train/artifacts';
import { findExternalModel } from '../model/train/externalArtifact';
import { insideProject } from '../model/train/loadSpec';
import { RECORDS_DIR } from '../project/projectFile';
import { RECORD_KINDS, writeRecord } from '../records';
import { inputFingerprints } from '../records';
import { renderContract } from './contract';
import { buildOpenApi } from './openapi';
import {
  hashFiles,
  listFiles,
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  PACKAGE_FORMAT_VERSION,
  readPackageManifest,
  sha256,
  verifyPackage,
  type PackageManifest,
} from './packageManifest';
import type { PackageParams, PackageResult } from './packageTypes';
import { buildSignature, type TrainingColumnStats } from './signature';
import { tgzArchive, type TarEntry } from './tar';

export const PACKAGES_DIR = `${RECORDS_DIR}/${RECORD_KINDS.package}`;
const DEFAULT_EXAMPLE_ROWS = 5;

interface Source {
  runId: string;
  name: string;
  kind: 'builtin' | 'external';
  task: 'classification' | 'regression';
  target: string;
  classes?: string[];
  inputs: Array<{ name: string; type: 'numeric' | 'categorical' }>;
  pipeline?: PipelineState;
  /** Absolute path → path inside the package. */
  copies: Array<{ from: string; to: string }>;
}

async function resolveSource(root: string, reference: string): Promise<Source> {
  const external = await findExternalModel(root, reference);
  if (external) {
    const a = external.artifact;
    return {
      runId: external.runId,
      name: external.name,
      kind: 'external',
      task: a.task,
      target: a.target,
      ...(a.classes ? { classes: a.classes } : {}),
      inputs: a.inputs,
      copies: [
        { from: external.file, to: `model/${external.name}.external.json` },
        { from: external.modelDir, to: `model/${external.name}.model` },
      ],
    };
  }
  const loaded = await resolveModelReference(root, reference);
  const a = loaded.artifact;
  return {
    runId: loaded.runId,
    name: loaded.name,
    kind: 'builtin',
    task: a.task,
    target: a.target,
    ...(a.classes ? { classes: a.classes } : {}),
    inputs: a.inputs,
    pipeline: a.pipeline as PipelineState,
    copies: [{ from: loaded.file, to: `model/${loaded.name}.model.json` }],
  };
}

function columnStats(frame: Frame): Record<string, TrainingColumnStats> {
  const out: Record<string, TrainingColumnStats> = {};
  for (const c of frame.columns) {
    if (c.type === 'numeric') {
      let missing = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const v of c.values) {
        if (Number.isNaN(v)) missing++;
        else {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      out[c.name] = { missing, min, max };
    } else {
      const distinct = new Set<string>();
      let missing = 0;
      for (const v of c.values)
        if (v === null) missing++;
        else distinct.add(v);
      out[c.name] = { missing, distinct: [...distinct].sort() };
    }
  }
  return out;
}

/** The first rows as JSON records (null for a missing value). */
function exampleRows(frame: Frame, count: number): Array<Record<string, unknown>> {
  return Array.from({ length: Math.min(count, frame.rows) }, (_, i) =>
    Object.fromEntries(
      frame.columns.map((c) => {
        const v = c.values[i];
        return [c.name, typeof v === 'number' && Number.isNaN(v) ? null : v];
      }),
    ),
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const sameFiles = (a: PackageManifest['files'], b: PackageManifest['files']) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Why an existing package of this id is not the one just built; undefined when identical. */
async function difference(
  dir: string,
  archive: string,
  files: PackageManifest['files'],
): Promise<PackageResult['replaced']> {
  try {
    const manifest = await readPackageManifest(dir);
    const check = await verifyPackage(dir);
    if (!check.ok) return check;
    if (!sameFiles(manifest.files, files)) return { reason: 'its files differ from a fresh package of the same model' };
    if (!(await exists(archive))) return { reason: 'its archive is missing' };
    return undefined;
  } catch (error) {
    return { reason: (error as Error).message };
  }
}

export async function packageModel(params: PackageParams, ctx: JobContext): Promise<PackageResult> {
  const { root } = params;
  const step = (message: string, fraction: number) => {
    throwIfAborted(ctx.signal);
    ctx.report({ message, fraction });
    throwIfAborted(ctx.signal);
  };
  step('Finding the model', 0);
  const reference = params.model ?? (await findRun(root)).name;
  const source = await resolveSource(root, reference);
  const run = await findRun(root, source.runId);
  const result = run.data.models.find((m) => m.name === source.name);
  if (!result) throw new JobError('bad-input', `Run ${run.name} has no model "${source.name}".`);
  const id = `${source.runId}--${source.name}`;
  const exampleCount = params.exampleRows ?? DEFAULT_EXAMPLE_ROWS;
  if (!Number.isInteger(exampleCount) || exampleCount < 1 || exampleCount > 1000)
    throw new JobError('bad-input', `exampleRows is a whole number from 1 to 1000, not ${exampleCount}.`);

  step(`Reading the training rows of ${run.data.spec.data.train}`, 0.1);
  const trainPath = run.data.spec.data.train;
  insideProject(root, trainPath, 'training file');
  let frame: Frame;
  try {
    frame = (
      await loadFrame({
        root,
        path: trainPath,
        signal: ctx.signal,
        columns: source.inputs.map((i) => i.name),
        lineNumbers: false,
        ...(run.data.missingValues ? { missingMarkers: run.data.missingValues.train } : {}),
      })
    ).frame;
  } catch (error) {
    if (error instanceof JobError || (error as Error).name === 'AbortError') throw error;
    throw new JobError('bad-input', `${trainPath} (the run's training file): ${(error as Error).message}`);
  }
  const notices: string[] = [];
  const fingerprint = run.inputs.find((i) => i.path === trainPath);
  const now = await readFile(join(root, trainPath)).catch(() => undefined);
  if (fingerprint && now && sha256(now) !== fingerprint.sha256)
    notices.push(
      `${trainPath} changed since run ${run.name} trained: the signature's ranges and the example come from the file as it is now.`,
    );

  step('Building the signature, the example and the API document', 0.3);
  const signature = buildSignature({
    task: source.task,
    target: source.target,
    ...(source.classes ? { classes: source.classes } : {}),
    inputs: source.inputs,
    ...(source.pipeline ? { pipeline: source.pipeline } : {}),
    training: columnStats(frame),
    probabilities: source.kind === 'builtin',
  });
  const example = exampleRows(frame, exampleCount);
  const docOptions = { modelName: source.name, packageId: id, runId: source.runId, example };

  const packagesDir = join(root, ...PACKAGES_DIR.split('/'));
  const dest = join(packagesDir, id);
  const archive = `${dest}.tgz`;
  await mkdir(packagesDir, { recursive: true });
  const temp = join(packagesDir, `.partial-${id}-${process.pid}-${randomBytes(4).toString('hex')}`);
  const built = join(temp, id);
  try {
    await mkdir(join(built, 'model'), { recursive: true });
    step('Copying the model', 0.4);
    for (const { from, to } of source.copies) await cp(from, join(built, ...to.split('/')), { recursive: true });
    const write = (name: string, text: string) => writeFile(join(built, name), text);
    await write('signature.json', `${JSON.stringify(signature, null, 2)}\n`);
    await write('input-example.json', `${JSON.stringify(example, null, 2)}\n`);
    await write('openapi.json', `${JSON.stringify(buildOpenApi(signature, docOptions), null, 2)}\n`);
    await write('CONTRACT.md', renderContract(signature, docOptions));

    step('Hashing the files', 0.6);
    const files = await hashFiles(built);
    const primary = run.data.primaryMetric;
    const cv = result.metrics.cv
      ? Object.fromEntries(Object.entries(result.metrics.cv).map(([k, v]) => [k, v.mean]))
      : undefined;
    const manifest: PackageManifest = {
      format: PACKAGE_FORMAT,
      formatVersion: PACKAGE_FORMAT_VERSION,
      id,
      runId: source.runId,
      model: source.name,
      kind: source.kind,
      modelKind: result.kind,
      task: source.task,
      target: source.target,
      created: new Date().toISOString(),
      generator: `ML Lifecycle ${mlcycleVersion}`,
      data: run.inputs,
      metrics: {
        primary,
        ...(cv ? { cv } : {}),
        ...(result.metrics.holdout ? { holdout: result.metrics.holdout } : {}),
      },
      files,
    };

    const replaced = (await exists(dest)) ? await difference(dest, archive, files) : undefined;
    if ((await exists(dest)) && replaced === undefined) {
      step('The identical package exists already', 1);
      await writePackageRecord(root, id, source);
      return { ...outcome(id, source, signature, notices, await listFiles(dest)), reused: true };
    }
    await write(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);

    step('Writing the archive', 0.8);
    const names = await listFiles(built);
    const folders = new Set<string>([id]);
    for (const n of names) for (let d = dirname(n); d !== '.'; d = dirname(d)) folders.add(`${id}/${d}`);
    const entries: TarEntry[] = [...[...folders].sort().map((path) => ({ path }))];
    for (const n of names) entries.push({ path: `${id}/${n}`, data: await readFile(join(built, ...n.split('/'))) });
    const mtime = Math.floor(Date.parse(run.createdAt) / 1000) || 0;
    await writeFile(join(temp, `${id}.tgz`), await tgzArchive(entries, mtime));

    step('Moving the package into place', 0.95);
    // Past this point no cancellation: the renames are quick and leave a whole package.
    if (await exists(dest)) await rename(dest, join(temp, 'replaced'));
    await rename(join(temp, `${id}.tgz`), archive);
    await rename(built, dest);
    if (replaced) notices.push(`A package ${id} with other content existed and was replaced.`);
    // The record last: it is what says (to the sidebar) that the package is there and whole.
    await writePackageRecord(root, id, source);
    ctx.report({ message: 'Packaged', fraction: 1 });
    return {
      ...outcome(id, source, signature, notices, names),
      reused: false,
      ...(replaced ? { replaced } : {}),
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** .mlcycle/packages/<id>.json: the evidence of the sidebar's packaging items, fingerprinting the model's files. */
async function writePackageRecord(root: string, id: string, source: Source): Promise<void> {
  const files: string[] = [];
  for (const c of source.copies) if ((await stat(c.from)).isFile()) files.push(c.from);
  const dir = `${PACKAGES_DIR}/${id}`;
  await writeRecord(root, {
    schemaVersion: 1,
    kind: 'package',
    name: id,
    createdAt: new Date().toISOString(),
    inputs: await inputFingerprints(root, files),
    outcome: 'pass',
    summary: `${source.name} of run ${source.runId} packaged in ${dir} (signature, OpenAPI 3.1, contract, checksums).`,
    data: {
      runId: source.runId,
      model: source.name,
      kind: source.kind,
      dir,
      archive: `${dir}.tgz`,
      apiSpec: `${dir}/openapi.json`,
      contract: `${dir}/CONTRACT.md`,
      signature: `${dir}/signature.json`,
    },
  });
}

function outcome(
  id: string,
  source: Source,
  signature: PackageResult['signature'],
  notices: string[],
  files: string[],
): Omit<PackageResult, 'reused' | 'replaced'> {
  return {
    id,
    runId: source.runId,
    model: source.name,
    kind: source.kind,
    dir: `${PACKAGES_DIR}/${id}`,
    archive: `${PACKAGES_DIR}/${id}.tgz`,
    files,
    signature,
    notices,
  };
}
