// The model server's lifecycle on node:http: listen (127.0.0.1 by default; a port in use is bad
// input naming it), answer each request by its route, count it in the metrics and log it, and
// close gracefully: stop accepting connections, answer not-ready, let in-flight requests
// finish, close idle keep-alive sockets, then flush the log. Bad input is always a 4xx with the
// protocol's error body; an unexpected failure a bare 500 (its details on the server's stderr
// callback, never in the body).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JobError } from '../../../protocol/jobError';
import { AccessLog, summarizeInputs, summarizeOutputs, type AccessEntry } from './accessLog';
import { readBody } from './body';
import { asServingError, mlflowErrorBody, notFound, ServingError, v2ErrorBody } from './errors';
import { ping, v2Live, v2ModelReady, v2Ready, type HealthState } from './health';
import type { ServedModel } from './loadServedModel';
import { ServerMetrics } from './metrics';
import { invocations, invocationsType, type ProtocolAnswer } from './mlflowProtocol';
import { matchRoute, type Route } from './routes';
import { checkModelPath, v2ContentType, v2Infer, v2Metadata } from './v2Protocol';

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface ServerOptions {
  model: ServedModel;
  port?: number;
  host?: string;
  /** Largest request body accepted, in bytes (default 10 MB). */
  bodyLimit?: number;
  /** Time allowed to receive a whole request (default 30 s). */
  requestTimeoutMs?: number;
  /** The JSON-lines access log (appended); none when absent. */
  logPath?: string;
  /** The server's version for /version and /v2. */
  serverVersion: string;
  /** Called with each unexpected error (never sent to the client). */
  onError?: (error: unknown) => void;
  /** Test hook: awaited before a prediction runs, so a test can hold a request in flight. */
  beforePredict?: (requestId: string) => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  metrics: ServerMetrics;
  /** Resolves once every in-flight request is answered and the log is flushed. */
  close(): Promise<void>;
  /** Resolves once every request answered so far is in the access log (the log is written as a stream). */
  flushLog(): Promise<void>;
}

interface Answer {
  status: number;
  json?: unknown;
  text?: string;
  type?: string;
  predicted?: ProtocolAnswer;
  id?: string;
}

function send(res: ServerResponse, answer: Answer, closing: boolean): void {
  const body = answer.text ?? `${JSON.stringify(answer.json)}`;
  const type = answer.type ?? (answer.text !== undefined ? 'text/plain; charset=utf-8' : 'application/json');
  res.statusCode = answer.status;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  if (closing) res.setHeader('Connection', 'close');
  res.end(body);
}

const requestIdOf = (req: IncomingMessage) => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { model } = options;
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const metrics = new ServerMetrics();
  const log = options.logPath ? new AccessLog(options.logPath) : undefined;
  const health: HealthState = { ready: true };
  let closing = false;

  async function answer(route: Route, req: IncomingMessage, requestId: string): Promise<Answer> {
    switch (route.name) {
      case 'ping':
      case 'health':
        return ping();
      case 'version':
        return { status: 200, text: options.serverVersion };
      case 'metrics':
        return { status: 200, text: metrics.render(model), type: 'text/plain; version=0.0.4; charset=utf-8' };
      case 'v2-server':
        return { status: 200, json: { name: 'mlcycle', version: options.serverVersion, extensions: [] } };
      case 'v2-live':
        return v2Live();
      case 'v2-ready':
        return v2Ready(health);
      case 'v2-model':
        checkModelPath(model, route.model!, route.version);
        return { status: 200, json: v2Metadata(model) };
      case 'v2-model-ready':
        checkModelPath(model, route.model!, route.version);
        return v2ModelReady(health, model.name);
      case 'invocations': {
        const kind = invocationsType(req.headers['content-type']);
        const body = await readBody(req, limit);
        await options.beforePredict?.(requestId);
        const predicted = invocations(model, kind, body);
        return { status: 200, json: predicted.json, predicted };
      }
      case 'v2-infer': {
        checkModelPath(model, route.model!, route.version);
        v2ContentType(req.headers['content-type']);
        const body = await readBody(req, limit);
        await options.beforePredict?.(requestId);
        const predicted = v2Infer(model, body, requestId);
        return { status: 200, json: predicted.json, predicted, id: predicted.id };
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = requestIdOf(req);
    res.setHeader('X-Request-Id', requestId);
    const path = (req.url ?? '/').split('?')[0];
    const route = matchRoute(path);
    const method = req.method ?? 'GET';
    let result: Answer;
    let failure: ServingError | undefined;
    try {
      if (!route) throw notFound(`No such path: ${path}.`);
      if (route.method !== method && !(method === 'HEAD' && route.method === 'GET'))
        throw new ServingError(405, 'BAD_REQUEST', `${route.template} takes ${route.method}, not ${method}.`);
      result = await answer(route, req, requestId);
    } catch (error) {
      failure = asServingError(error);
      if (failure.status >= 500) options.onError?.(error);
      const protocol = route?.protocol ?? (path.startsWith('/v2') ? 'v2' : 'mlflow');
      result = { status: failure.status, json: protocol === 'v2' ? v2ErrorBody(failure) : mlflowErrorBody(failure) };
    }
    // A body refused unread (413) is not drained: the connection closes after the answer.
    const dropConnection = failure?.status === 413 && !req.complete;
    send(res, result, closing || dropConnection);
    const seconds = (performance.now() - started) / 1000;
    const template = route?.template ?? 'other';
    const predicted = result.predicted;
    metrics.record(template, method, result.status, seconds, predicted?.predictions.rows ?? 0);
    if (log) {
      const entry: AccessEntry = {
        time: new Date().toISOString(),
        requestId: result.id ?? requestId,
        method,
        route: template,
        status: result.status,
        latencyMs: Math.round(seconds * 1e6) / 1000,
        model: model.name,
        version: model.version,
        ...(route ? { protocol: route.protocol } : {}),
        ...(predicted
          ? {
              rows: predicted.predictions.rows,
              inputs: summarizeInputs(model.signature, predicted.rows),
              outputs: summarizeOutputs(predicted.predictions),
            }
          : {}),
        ...(failure ? { errorCode: failure.errorCode, error: failure.message } : {}),
      };
      log.write(entry);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) send(res, { status: 500, json: mlflowErrorBody(asServingError(undefined)) }, true);
    });
  });
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  server.requestTimeout = requestTimeout;
  server.headersTimeout = Math.min(requestTimeout, 60_000);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void log?.close();
      if (error.code === 'EADDRINUSE')
        reject(new JobError('bad-input', `Port ${options.port} on ${host} is in use: choose another with --port.`));
      else if (error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL')
        reject(new JobError('bad-input', `Cannot listen on ${host}:${options.port}: ${error.message}.`));
      else reject(error);
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${shown}:${port}`,
    port,
    host,
    metrics,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true;
        health.ready = false;
        server.close(() => resolve());
        server.closeIdleConnections();
      }).then(() => log?.close());
      return closed;
    },
    flushLog: () => log?.flush() ?? Promise.resolve(),
  };
}
