// What `mlcycle serve` serves, found as `mlcycle predict` finds a model: a package folder, a
// package id under .mlcycle/packages/, or a run reference (runId for its best model,
// runId:model), which is packaged on the fly so that every server runs from a package. The
// package is verified first: altered, missing or unexpected files are refused naming them, a
// package of a newer format is refused by readPackageManifest. External models are not served
// here yet (their predict command is a batch process).
import { stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { JobError } from '../../../protocol/jobError';
import type { JobContext } from '../../../protocol/jobs';
import { loadArtifact } from '../../model/train/artifacts';
import { PACKAGES_DIR, packageModel } from '../packageJob';
import { MANIFEST_FILE, readPackageManifest, verifyPackage, type PackageManifest } from '../packageManifest';
import type { ModelSignature } from '../signature';
import type { LoadedModel } from './predictor';

export interface ServedModel extends LoadedModel {
  /** The package id, `<runId>--<model>`. */
  id: string;
  /** The model's name in the run: its name in V2 paths. */
  name: string;
  /** The model's version in V2 paths and logs: the run id. */
  version: string;
  runId: string;
  /** Absolute path of the package folder. */
  dir: string;
  manifest: PackageManifest;
  signature: ModelSignature;
}

async function isPackage(dir: string): Promise<boolean> {
  return stat(join(dir, MANIFEST_FILE)).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** The package folder a reference names, packaging a run's model when it names one. */
export async function packageFor(root: string, reference: string, cwd: string, ctx: JobContext): Promise<string> {
  for (const candidate of [isAbsolute(reference) ? reference : resolve(cwd, reference), resolve(root, reference)])
    if (await isPackage(candidate)) return candidate;
  const byId = join(root, ...PACKAGES_DIR.split('/'), reference);
  if (await isPackage(byId)) return byId;
  const packaged = await packageModel({ root, model: reference }, ctx);
  return join(root, ...packaged.dir.split('/'));
}

export async function loadPackage(dir: string): Promise<ServedModel> {
  const manifest = await readPackageManifest(dir);
  const check = await verifyPackage(dir);
  if (!check.ok) {
    const parts = [
      check.altered.length ? `altered: ${check.altered.join(', ')}` : '',
      check.missing.length ? `missing: ${check.missing.join(', ')}` : '',
      check.unexpected.length ? `not in the manifest: ${check.unexpected.join(', ')}` : '',
    ].filter(Boolean);
    throw new JobError(
      'bad-input',
      `The package ${manifest.id} does not match its manifest (${parts.join('; ')}): refusing to serve it. Package the model again.`,
      { file: join(dir, MANIFEST_FILE) },
    );
  }
  if (manifest.kind !== 'builtin')
    throw new JobError(
      'bad-input',
      `The package ${manifest.id} holds an external model: serving runs built-in models only for now (use mlcycle predict for it).`,
    );
  const signature = JSON.parse(await readFile(join(dir, 'signature.json'), 'utf8')) as ModelSignature;
  const modelFile = join(dir, 'model', `${manifest.model}.model.json`);
  const loaded = await loadArtifact(modelFile, `${manifest.id}/model/${manifest.model}.model.json`);
  return {
    id: manifest.id,
    name: manifest.model,
    version: manifest.runId,
    runId: manifest.runId,
    dir,
    manifest,
    signature,
    inputs: loaded.artifact.inputs,
    ...(loaded.artifact.classes ? { classes: loaded.artifact.classes } : {}),
    pipeline: loaded.pipeline,
    model: loaded.model,
  };
}
