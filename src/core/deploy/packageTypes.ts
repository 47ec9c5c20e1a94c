// The `package` job's parameters and result (plain data: they cross the worker's IPC channel).
import type { PackageVerification } from './packageManifest';
import type { ModelSignature } from './signature';

export interface PackageParams {
  root: string;
  /** A run id (its best model), "runId:model" or "runId/model"; absent: the newest run's best model. */
  model?: string;
  /** Training rows kept as the input example (default 5). */
  exampleRows?: number;
}

export interface PackageResult {
  /** `<runId>--<model>`. */
  id: string;
  runId: string;
  model: string;
  kind: 'builtin' | 'external';
  /** The package folder and its archive, relative to the root (forward slashes). */
  dir: string;
  archive: string;
  /** Files in the folder, the manifest included. */
  files: string[];
  signature: ModelSignature;
  /** The same package already existed, identical: left as it was. */
  reused: boolean;
  /** A package of that id existed with other content (altered, or another version's): replaced. */
  replaced?: PackageVerification | { reason: string };
  notices: string[];
}
