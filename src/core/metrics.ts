import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per process. Metrics are created once, on first use, so building several apps in
 * one process (tests) never registers a name twice.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'baton_' });

const made = new Map<string, Counter | Gauge | Histogram>();

function memo<T extends Counter | Gauge | Histogram>(name: string, make: () => T): T {
  let metric = made.get(name);
  if (!metric) {
    metric = make();
    made.set(name, metric);
  }
  return metric as T;
}

export function counter(name: string, help: string, labelNames: string[] = []): Counter {
  return memo(name, () => new Counter({ name, help, labelNames, registers: [metricsRegistry] }));
}

export function gauge(name: string, help: string, labelNames: string[] = []): Gauge {
  return memo(name, () => new Gauge({ name, help, labelNames, registers: [metricsRegistry] }));
}

export function histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
  return memo(name, () => new Histogram({ name, help, labelNames, buckets, registers: [metricsRegistry] }));
}
