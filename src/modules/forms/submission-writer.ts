import type pg from 'pg';
import type { Logger } from '../../core/logger';

export type SubmissionRow = {
  workspaceId: string;
  id: string;
  formId: string;
  receivedAt: Date;
  status: 'pending' | 'spam';
  values: Record<string, unknown>;
  context: Record<string, unknown>;
  anonymousId: string | null;
  email: string | null;
  spamReason: string | null;
  /** Hand-raisers are processed first. */
  urgent: boolean;
};

type Waiter = { row: SubmissionRow; resolve(): void; reject(error: unknown): void };

// One statement per flush: the rows, and one processing job per workspace (and urgency) for the
// pending ones, committed together.
const INSERT = `
with input as (
  select * from jsonb_to_recordset($1::jsonb) as r(
    workspace_id uuid, id uuid, form_id uuid, received_at timestamptz, status text, values jsonb, context jsonb,
    anonymous_id text, email text, spam_reason text, urgent boolean)
), stored as (
  insert into form_submissions (workspace_id, id, form_id, received_at, status, values, context, anonymous_id, email, spam_reason)
  select workspace_id, id, form_id, received_at, status, values, context, anonymous_id, email, spam_reason from input
  returning workspace_id, id, status
)
select graphile_worker.add_job('forms.process',
         json_build_object('workspaceId', s.workspace_id, 'submissionIds', json_agg(s.id)),
         max_attempts => 10, priority => case when bool_or(i.urgent) then -10 else 0 end)
  from stored s join input i on i.workspace_id = s.workspace_id and i.id = s.id
 where s.status = 'pending'
 group by s.workspace_id, i.urgent`;

/**
 * Group commit for submissions, as the event writer does for ingest: submissions arriving within a
 * couple of milliseconds are stored by one statement and one commit, and each is acknowledged only
 * after it. Durability costs latency, not throughput.
 */
export class SubmissionWriter {
  private waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
    private readonly options = { windowMs: 2, maxBatch: 500, maxInFlight: 4 },
  ) {}

  write(row: SubmissionRow): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (this.waiting.length >= this.options.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.options.windowMs);
    });
  }

  private flushSoon(delayMs: number) {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, delayMs);
  }

  private flush() {
    while (this.waiting.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      this.commit(batch).finally(() => {
        this.inFlight -= 1;
        if (this.waiting.length > 0) this.flushSoon(0);
      });
    }
  }

  private async commit(batch: Waiter[]): Promise<void> {
    const rows = batch.map(({ row }) => ({
      workspace_id: row.workspaceId,
      id: row.id,
      form_id: row.formId,
      received_at: row.receivedAt,
      status: row.status,
      values: row.values,
      context: row.context,
      anonymous_id: row.anonymousId,
      email: row.email,
      spam_reason: row.spamReason,
      urgent: row.urgent,
    }));
    try {
      await this.pool.query(INSERT, [JSON.stringify(rows)]);
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      if (batch.length > 1) {
        // One submission's data must not fail the others it was grouped with.
        for (const waiter of batch) await this.commit([waiter]);
        return;
      }
      this.logger.error({ err: error }, 'form submission commit failed');
      for (const waiter of batch) waiter.reject(error);
    }
  }
}
