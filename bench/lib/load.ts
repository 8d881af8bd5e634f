// Pages under load: autocannon against the running app, every latency recorded to compute exact p50/p95/p99.
import autocannon from "autocannon";
import { summarize, type LatencySummary } from "./stats";

export interface LoadLevel extends LatencySummary {
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  /** Non-2xx responses plus connection errors and timeouts. */
  errors: number;
  non2xx: number;
}

export function loadPage(url: string, cookie: string, connections: number, seconds: number): Promise<LoadLevel> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon(
      { url, connections, duration: seconds, headers: { cookie }, timeout: 30 },
      (error, result) => {
        if (error) return reject(error);
        const s = summarize(latencies);
        resolve({
          connections,
          seconds,
          requests: result.requests.total,
          rps: Math.round((result.requests.total / seconds) * 10) / 10,
          errors: result.non2xx + result.errors + result.timeouts,
          non2xx: result.non2xx,
          ...s,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}
