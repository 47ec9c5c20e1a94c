// The server's routes: a request's method and path to the API's path template, the protocol
// whose error body it gets, and the V2 model name and version in the path. Pure.
export type RouteName =
  | 'ping'
  | 'health'
  | 'version'
  | 'invocations'
  | 'metrics'
  | 'v2-server'
  | 'v2-live'
  | 'v2-ready'
  | 'v2-model'
  | 'v2-model-ready'
  | 'v2-infer';

export interface Route {
  name: RouteName;
  /** The OpenAPI path template, as metrics and the log name it. */
  template: string;
  method: 'GET' | 'POST';
  protocol: 'mlflow' | 'v2';
  model?: string;
  version?: string;
}

const FIXED: Record<string, Omit<Route, 'template'>> = {
  '/ping': { name: 'ping', method: 'GET', protocol: 'mlflow' },
  '/health': { name: 'health', method: 'GET', protocol: 'mlflow' },
  '/version': { name: 'version', method: 'GET', protocol: 'mlflow' },
  '/invocations': { name: 'invocations', method: 'POST', protocol: 'mlflow' },
  '/metrics': { name: 'metrics', method: 'GET', protocol: 'mlflow' },
  '/v2': { name: 'v2-server', method: 'GET', protocol: 'v2' },
  '/v2/health/live': { name: 'v2-live', method: 'GET', protocol: 'v2' },
  '/v2/health/ready': { name: 'v2-ready', method: 'GET', protocol: 'v2' },
};

const MODEL_PATH = /^\/v2\/models\/([^/]+)(?:\/versions\/([^/]+))?(\/ready|\/infer)?$/;

/** The route of a path (query removed), or undefined for an unknown path. */
export function matchRoute(path: string): Route | undefined {
  const fixed = FIXED[path];
  if (fixed) return { ...fixed, template: path };
  const m = MODEL_PATH.exec(path);
  if (!m) return undefined;
  let model: string;
  let version: string | undefined;
  try {
    model = decodeURIComponent(m[1]);
    version = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
  } catch {
    return undefined;
  }
  const base = `/v2/models/{name}${version === undefined ? '' : '/versions/{version}'}`;
  const tail = m[3];
  const common = { protocol: 'v2' as const, model, ...(version !== undefined ? { version } : {}) };
  if (tail === '/infer') return { name: 'v2-infer', method: 'POST', template: `${base}/infer`, ...common };
  if (tail === '/ready') return { name: 'v2-model-ready', method: 'GET', template: `${base}/ready`, ...common };
  return { name: 'v2-model', method: 'GET', template: base, ...common };
}
