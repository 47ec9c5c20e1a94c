// The `serve` job: find the model (package folder, package id, or a run's model packaged on the
// fly), verify and load its package, start the server and report it ready, then serve until
// the job's signal fires and close gracefully (in-flight requests finish). A long-lived job in
// the shape of every other: plain params in, a plain summary out.
import { join, resolve } from 'node:path';
import { version as mlcycleVersion } from '../../../../package.json';
import type { JobContext } from '../../../protocol/jobs';
import { RECORDS_DIR } from '../../project/projectFile';
import { loadPackage, packageFor } from './loadServedModel';
import { startServer, type RunningServer } from './server';

export const SERVING_DIR = `${RECORDS_DIR}/serving`;

export interface ServeParams {
  root: string;
  /** A package folder or id, a run id (its best model) or runId:model. */
  model: string;
  /** Where a relative package folder is resolved (the CLI's working directory); default root. */
  cwd?: string;
  port?: number;
  host?: string;
  bodyLimit?: number;
  requestTimeoutMs?: number;
  /** The access log; default .mlcycle/serving/<package id>.log.jsonl under the root. */
  logPath?: string;
}

export interface ServeReady {
  url: string;
  host: string;
  port: number;
  packageId: string;
  model: string;
  version: string;
  log: string;
}

export interface ServeResult extends ServeReady {
  requests: number;
}

export async function serveModel(
  params: ServeParams,
  ctx: JobContext,
  onReady: (ready: ServeReady) => void = () => undefined,
): Promise<ServeResult> {
  const root = resolve(params.root);
  ctx.report({ message: 'Loading the model', fraction: 0 });
  const dir = await packageFor(root, params.model, params.cwd ?? root, ctx);
  const model = await loadPackage(dir);
  const log = params.logPath
    ? resolve(params.cwd ?? root, params.logPath)
    : join(root, ...SERVING_DIR.split('/'), `${model.id}.log.jsonl`);
  let requests = 0;
  const server: RunningServer = await startServer({
    model,
    ...(params.port !== undefined ? { port: params.port } : {}),
    ...(params.host !== undefined ? { host: params.host } : {}),
    ...(params.bodyLimit !== undefined ? { bodyLimit: params.bodyLimit } : {}),
    ...(params.requestTimeoutMs !== undefined ? { requestTimeoutMs: params.requestTimeoutMs } : {}),
    logPath: log,
    serverVersion: mlcycleVersion,
    onError: (error) => ctx.report({ message: `Unexpected error: ${(error as Error)?.message ?? String(error)}` }),
  });
  const ready: ServeReady = {
    url: server.url,
    host: server.host,
    port: server.port,
    packageId: model.id,
    model: model.name,
    version: model.version,
    log,
  };
  ctx.report({ message: `Serving ${model.name} at ${server.url}`, fraction: 1 });
  onReady(ready);
  await new Promise<void>((done) => {
    if (ctx.signal.aborted) done();
    else ctx.signal.addEventListener('abort', () => done(), { once: true });
  });
  await server.close();
  requests = server.metrics.totalRequests();
  return { ...ready, requests };
}
