// The one typed contract between the extension host (src/jobs/workerClient.ts) and the
// background worker (src/worker/main.ts). Messages travel over child_process.fork's IPC channel
// as JSON, so every payload here must be plain data: no classes, functions, Maps or bigints.
import type { InspectParams, InspectResult } from '../core/data/inspectTypes';
import type { ValidateParams, ValidationResult } from '../core/validation/expectationTypes';
import type { DatasetProfile, ProfileParams } from '../core/profile/profileTypes';
import type {
  EvaluateParams,
  EvaluateResult,
  PredictParams,
  PredictResult,
  TrainParams,
  TrainResult,
} from '../core/model/train/trainTypes';
import type { TuneParams, TuneResult } from '../core/tuning/tuneJob';
import type { ExplainParams, ExplainResult } from '../core/explain/explainTypes';
import type { PackageParams, PackageResult } from '../core/deploy/packageTypes';

/** Progress a job reports; `fraction` is 0..1 of the whole job when the job can tell. */
export interface JobProgress {
  message?: string;
  fraction?: number;
}

/** What every job function receives besides its parameters. */
export interface JobContext {
  signal: AbortSignal;
  report(progress: JobProgress): void;
}

/** A job is plain data in, plain JSON out; the CLI, the tests and the worker all call it. */
export type JobFunction<P, R> = (params: P, ctx: JobContext) => Promise<R>;

/** Test-only job (registered only when MLCYCLE_DIAGNOSTICS=1) that proves hang and crash handling. */
export type DiagnosticsParams =
  | { mode: 'echo'; value: unknown }
  /** Waits `ms`, reporting `steps` progress updates; stops promptly when cancelled. */
  | { mode: 'sleep'; ms: number; steps?: number }
  /** Busy-loops synchronously for `ms`: the worker cannot answer pings, as if hung. */
  | { mode: 'block'; ms: number }
  /** Exits the worker process with `exitCode` (default 3) mid-job. */
  | { mode: 'crash'; exitCode?: number }
  /** Throws from a timer, outside the job's promise: an error no try/catch of the job sees. */
  | { mode: 'uncaught' };

export interface DiagnosticsResult {
  mode: DiagnosticsParams['mode'];
  pid: number;
  elapsedMs: number;
  value?: unknown;
}

/** Every job the worker knows: name → parameters and result. Later issues add entries here. */
export interface JobMap {
  inspect: { params: InspectParams; result: InspectResult };
  validate: { params: ValidateParams; result: ValidationResult };
  profile: { params: ProfileParams; result: DatasetProfile };
  train: { params: TrainParams; result: TrainResult };
  tune: { params: TuneParams; result: TuneResult };
  explain: { params: ExplainParams; result: ExplainResult };
  evaluate: { params: EvaluateParams; result: EvaluateResult };
  predict: { params: PredictParams; result: PredictResult };
  package: { params: PackageParams; result: PackageResult };
  diagnostics: { params: DiagnosticsParams; result: DiagnosticsResult };
}

export type JobName = keyof JobMap;
export type JobParams<K extends JobName> = JobMap[K]['params'];
export type JobResult<K extends JobName> = JobMap[K]['result'];

export const JOB_ERROR_CODES = ['cancelled', 'crashed', 'hung', 'failed', 'bad-input'] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

/** An error as it crosses the process boundary; `file`/`line`/`column` point at bad input. */
export interface JobErrorData {
  code: JobErrorCode;
  message: string;
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based. */
  column?: number;
  stack?: string;
}

/** Host → worker. `id` identifies one run (or one ping); the worker echoes it back. */
export type HostMessage =
  | { type: 'run'; id: number; job: JobName; params: unknown }
  | { type: 'cancel'; id: number }
  | { type: 'ping'; id: number };

/** Worker → host. */
export type WorkerMessage =
  | { type: 'ready'; pid: number }
  | { type: 'progress'; id: number; message?: string; fraction?: number }
  | { type: 'result'; id: number; result: unknown }
  /** `workerExiting`: the worker hit an error outside any job's control and is going down. */
  | { type: 'error'; id: number; error: JobErrorData; workerExiting?: boolean }
  | { type: 'pong'; id: number };

const HOST_TYPES: ReadonlySet<string> = new Set(['run', 'cancel', 'ping']);
const WORKER_TYPES: ReadonlySet<string> = new Set(['ready', 'progress', 'result', 'error', 'pong']);

function hasType(value: unknown, types: ReadonlySet<string>): value is { type: string } {
  return typeof value === 'object' && value !== null && types.has((value as { type?: unknown }).type as string);
}

/** Guards for messages arriving over IPC: the other side is another program, so check shape. */
export function isHostMessage(value: unknown): value is HostMessage {
  if (!hasType(value, HOST_TYPES)) return false;
  const m = value as { id?: unknown; job?: unknown };
  if (typeof m.id !== 'number') return false;
  return value.type !== 'run' || typeof m.job === 'string';
}

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (!hasType(value, WORKER_TYPES)) return false;
  const m = value as { id?: unknown; pid?: unknown; error?: unknown };
  if (value.type === 'ready') return typeof m.pid === 'number';
  if (typeof m.id !== 'number') return false;
  return value.type !== 'error' || (typeof m.error === 'object' && m.error !== null);
}
