// `mlcycle serve <package-id | package-dir | runId | runId:model> [--port N] [--host h]
// [--log file] [--max-body bytes] [--timeout ms] [--json] [--root dir]`: serves the model over
// HTTP (MLflow's /invocations and KServe V2) until Ctrl-C or SIGTERM, then stops gracefully
// (in-flight requests finish) and exits 0. Prints the base URL when ready (--json: one JSON
// line). Exit 2 on bad input: an unknown model, an altered package, a port in use.
import type { ServeParams, ServeReady } from '../core/deploy/server/serveJob';
import { serveModel } from '../core/deploy/server/serveJob';
import type { CliCommand } from './command';
import { EXIT, UsageError, wholeNumberOption } from './io';
import { projectRootFor } from './modelOutput';

export function formatReady(r: ServeReady): string {
  return [
    `Serving model ${r.model} (version ${r.version}, package ${r.packageId}) at ${r.url}`,
    `  MLflow:   POST ${r.url}/invocations   GET ${r.url}/ping`,
    `  KServe:   POST ${r.url}/v2/models/${encodeURIComponent(r.model)}/infer`,
    `  Metrics:  GET ${r.url}/metrics   Log: ${r.log}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: "Serve a packaged model over HTTP: MLflow's /invocations and KServe V2 (Open Inference Protocol).",
  usage:
    'mlcycle serve <package-id | package-dir | runId | runId:model> [--port N] [--host 127.0.0.1] [--log <file>] [--max-body <bytes>] [--timeout <ms>] [--json] [--root <dir>]',
  options: {
    port: { type: 'string', description: 'the port to listen on (default 5000; 0: any free port)' },
    host: { type: 'string', description: 'the address to bind (default 127.0.0.1: this machine only)' },
    log: { type: 'string', description: 'the JSON-lines access log (default .mlcycle/serving/<package>.log.jsonl)' },
    'max-body': { type: 'string', description: 'largest request body in bytes (default 10485760, 10 MB)' },
    timeout: { type: 'string', description: 'time allowed to receive a request, in ms (default 30000)' },
    json: { type: 'boolean', description: 'print the ready line as JSON' },
    root: {
      type: 'string',
      description: 'the project folder (default: the one holding mlcycle.yaml above the working directory)',
    },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length !== 1)
      throw new UsageError('Give one model: a package id or folder, a run id (its best model) or runId:model.');
    const root = await projectRootFor(values, io);
    const params: ServeParams = { root, model: positionals[0], cwd: io.cwd, port: 5000 };
    const port = wholeNumberOption(values, 'port', true);
    if (port !== undefined) {
      if (port > 65535) throw new UsageError(`--port takes a port number up to 65535, not ${port}.`);
      params.port = port;
    }
    if (typeof values.host === 'string') params.host = values.host;
    if (typeof values.log === 'string') params.logPath = values.log;
    const maxBody = wholeNumberOption(values, 'max-body');
    if (maxBody !== undefined) params.bodyLimit = maxBody;
    const timeout = wholeNumberOption(values, 'timeout');
    if (timeout !== undefined) params.requestTimeoutMs = timeout;
    const result = await serveModel(
      params,
      { signal, report: (p) => (p.message?.startsWith('Unexpected') ? io.stderr.write(`${p.message}\n`) : undefined) },
      (ready) =>
        io.stdout.write(values.json ? `${JSON.stringify({ event: 'ready', ...ready })}\n` : formatReady(ready)),
    );
    const stopped = `Stopped after ${result.requests} request${result.requests === 1 ? '' : 's'}.`;
    io.stderr.write(
      values.json ? `${JSON.stringify({ event: 'stopped', requests: result.requests })}\n` : `${stopped}\n`,
    );
    return EXIT.ok;
  },
};
