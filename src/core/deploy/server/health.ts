// Health answers. MLflow: /ping and /health give 200 with "\n" once the model is loaded, /version
// the server's version as text. V2: /v2/health/live and /v2/health/ready, /v2/models/{name}/ready
// as KServe's JSON ({"live": true}, {"ready": true}, {"name", "ready"}). The server only listens
// once its model is loaded, so ready means "not shutting down".
export interface HealthState {
  /** False once a shutdown began: ready answers 503 so load balancers stop sending. */
  ready: boolean;
}

export const ping = () => ({ status: 200, type: 'application/json', text: '\n' });

export const v2Live = () => ({ status: 200, json: { live: true } });

export const v2Ready = (state: HealthState) => ({ status: state.ready ? 200 : 503, json: { ready: state.ready } });

export const v2ModelReady = (state: HealthState, name: string) => ({
  status: state.ready ? 200 : 503,
  json: { name, ready: state.ready },
});
