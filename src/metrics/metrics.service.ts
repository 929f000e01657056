import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueRegistry } from '../queues/queue-registry.js';

const JOB_STATES = ['waiting', 'delayed', 'active', 'failed', 'completed'] as const;

/**
 * Distinct operation names that get a label of their own; later names share `other`. Operation
 * names come from clients, so without a cap anyone could grow /metrics (and Prometheus) at will.
 */
export const MAX_OPERATION_LABELS = 100;

/** Prometheus metrics of this process, in a registry of its own (several apps can share a process in tests). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'concordia_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'concordia_graphql_operation_duration_seconds',
    help: 'GraphQL operation duration',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  private readonly operationNames = new Set<string>();

  /** The label for a client-chosen operation name: itself while the set is small, else `other`. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_LABELS || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    this.operationNames.add(name);
    return name;
  }

  constructor(dataSource: DataSource, queues: QueueRegistry) {
    collectDefaultMetrics({ register: this.registry, prefix: 'concordia_' });

    new Gauge({
      name: 'concordia_queue_jobs',
      help: 'BullMQ jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues.all()) {
          // Redis may be down; the scrape still answers with what it has.
          const counts = await queue.getJobCounts(...JOB_STATES).catch(() => null);
          if (counts) for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });

    new Gauge({
      name: 'concordia_outbox_backlog',
      help: 'Outbox rows committed but not yet handed to BullMQ',
      registers: [this.registry],
      async collect() {
        const [row] = await dataSource
          .query<({ n: number } | null)[]>('SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL')
          .catch(() => [null]);
        if (row) this.set(row.n);
      },
    });

    new Gauge({
      name: 'concordia_outbox_oldest_unsent_seconds',
      help: 'Age of the oldest outbox row not yet handed to BullMQ',
      registers: [this.registry],
      async collect() {
        const [row] = await dataSource
          .query<({ s: number } | null)[]>(
            'SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS s FROM outbox_events WHERE sent_at IS NULL',
          )
          .catch(() => [null]);
        if (row) this.set(row.s);
      },
    });

    new Gauge({
      name: 'concordia_notification_delivery_failures',
      help: 'Deliveries currently failed (retrying or given up), by channel',
      labelNames: ['channel'] as const,
      registers: [this.registry],
      async collect() {
        const rows = await dataSource
          .query<{ channel: string; n: number }[]>(`SELECT channel, count(*)::int AS n FROM notification_deliveries WHERE status = 'FAILED' GROUP BY channel`)
          .catch(() => []);
        this.reset();
        for (const r of rows) this.set({ channel: r.channel }, r.n);
      },
    });
  }
}
