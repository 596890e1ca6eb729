/** Anything that runs SQL: the pool, or a client inside a transaction (so the job commits with it). */
export type Queryable = { query: (text: string, values?: unknown[]) => Promise<unknown> };

export type EnqueueOptions = {
  runAt?: Date;
  maxAttempts?: number;
  /** Jobs sharing a key replace (or, with `preserve_run_at`, keep) each other: one pending job per key. */
  jobKey?: string;
  jobKeyMode?: 'replace' | 'preserve_run_at' | 'unsafe_dedupe';
  queueName?: string;
  priority?: number;
};

/**
 * Enqueues a graphile-worker job with plain SQL, so callers can enqueue inside their own
 * transaction and the job exists exactly when their change does.
 */
export async function enqueueJob(
  db: Queryable,
  name: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<void> {
  await db.query(
    `select graphile_worker.add_job(
       identifier => $1, payload => $2::json, queue_name => $3, run_at => $4,
       max_attempts => $5, job_key => $6, priority => $7, job_key_mode => coalesce($8, 'replace'))`,
    [
      name,
      JSON.stringify(payload ?? {}),
      options.queueName ?? null,
      options.runAt ?? null,
      options.maxAttempts ?? null,
      options.jobKey ?? null,
      options.priority ?? null,
      options.jobKeyMode ?? null,
    ],
  );
}
