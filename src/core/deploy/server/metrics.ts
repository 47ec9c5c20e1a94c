// The server's Prometheus metrics, rendered in the text exposition format (version 0.0.4):
// requests by route and status, errors by route and status, rows predicted, and a latency
// histogram by route. Routes are the API's path templates, never raw paths, so a client
// cannot grow the series without bound.
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class ServerMetrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, { buckets: number[]; sum: number; count: number }>();
  private rows = 0;

  record(route: string, method: string, status: number, seconds: number, rows = 0): void {
    const key = `${route}\u0000${method}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(route);
    if (!h) this.latency.set(route, (h = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) h.buckets[i]++;
    });
    h.sum += seconds;
    h.count++;
    this.rows += rows;
  }

  totalRequests(): number {
    let n = 0;
    for (const v of this.requests.values()) n += v;
    return n;
  }

  render(model: { name: string; version: string }): string {
    const out: string[] = [];
    const m = `model="${label(model.name)}",version="${label(model.version)}"`;
    out.push('# HELP mlcycle_requests_total HTTP requests served, by route, method and status.');
    out.push('# TYPE mlcycle_requests_total counter');
    const errors: string[] = [];
    for (const [key, n] of [...this.requests].sort()) {
      const [route, method, status] = key.split('\u0000');
      const labels = `route="${label(route)}",method="${method}",status="${status}"`;
      out.push(`mlcycle_requests_total{${labels}} ${n}`);
      if (Number(status) >= 400) errors.push(`mlcycle_request_errors_total{${labels}} ${n}`);
    }
    out.push('# HELP mlcycle_request_errors_total Requests answered with a 4xx or 5xx status.');
    out.push('# TYPE mlcycle_request_errors_total counter', ...errors);
    out.push('# HELP mlcycle_predicted_rows_total Rows predicted.');
    out.push('# TYPE mlcycle_predicted_rows_total counter', `mlcycle_predicted_rows_total{${m}} ${this.rows}`);
    out.push('# HELP mlcycle_request_duration_seconds Time from a request to its response, by route.');
    out.push('# TYPE mlcycle_request_duration_seconds histogram');
    for (const [route, h] of [...this.latency].sort()) {
      const r = `route="${label(route)}"`;
      BUCKETS.forEach((b, i) => out.push(`mlcycle_request_duration_seconds_bucket{${r},le="${b}"} ${h.buckets[i]}`));
      out.push(`mlcycle_request_duration_seconds_bucket{${r},le="+Inf"} ${h.count}`);
      out.push(`mlcycle_request_duration_seconds_sum{${r}} ${h.sum}`);
      out.push(`mlcycle_request_duration_seconds_count{${r}} ${h.count}`);
    }
    return `${out.join('\n')}\n`;
  }
}
