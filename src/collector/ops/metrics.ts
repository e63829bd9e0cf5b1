import { Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one collector process (its own registry, so several
 * collectors in one process — tests — do not share counters). Labels are
 * closed sets (route keys, refusal codes, finding kinds): never an install,
 * agent or value.
 */
export interface CollectorMetrics {
  registry: Registry;
  events: Counter<'result'>;
  batches: Counter<'result'>;
  refusals: Counter<'reason'>;
  findings: Counter<'kind'>;
  latency: Histogram<'route' | 'status'>;
}

export function createMetrics(): CollectorMetrics {
  const registry = new Registry();
  return {
    registry,
    events: new Counter({
      name: 'sigilo_ingested_events_total',
      help: 'Events received in upload batches, by result (accepted or duplicate)',
      labelNames: ['result'],
      registers: [registry],
    }),
    batches: new Counter({
      name: 'sigilo_ingested_batches_total',
      help: 'Upload batches handled, by result (stored, duplicate, refused)',
      labelNames: ['result'],
      registers: [registry],
    }),
    refusals: new Counter({
      name: 'sigilo_ingest_refusals_total',
      help: 'Upload requests refused, by reason code',
      labelNames: ['reason'],
      registers: [registry],
    }),
    findings: new Counter({
      name: 'sigilo_integrity_findings_total',
      help: 'Integrity findings recorded, by kind',
      labelNames: ['kind'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'sigilo_http_request_duration_seconds',
      help: 'HTTP request latency by route and status',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
  };
}
