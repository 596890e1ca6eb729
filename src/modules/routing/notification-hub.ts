import type { ServerResponse } from 'node:http';
import type pg from 'pg';
import type { AppContext } from '../../core/context';
import { NOTIFICATION_CHANNEL } from './assign-lead';

type Subscriber = { workspaceId: string; userId: string; response: ServerResponse };

export type NotificationView = {
  id: string;
  kind: string;
  title: string;
  body: string;
  contactId: string | null;
  assignmentId: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
};

const columns = `id, kind, title, body, contact_id as "contactId", assignment_id as "assignmentId", data,
                 created_at as "createdAt", read_at as "readAt"`;

/**
 * Live in-app notifications: one LISTEN connection per process fans NOTIFYs out to the open
 * server-sent-event streams of the user they are for. Whoever wrote the notification (a worker
 * in another process, say) needs to know nothing about who is connected where. The first stream
 * that receives a notification records the delivery — for an assignment, the moment that
 * separates Baton's delay from the rep's.
 */
export class NotificationHub {
  private readonly subscribers = new Set<Subscriber>();
  private listener: pg.PoolClient | undefined;
  private starting: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  /** The LISTEN connection's error handler, until it is released. */
  private readonly errorHandlers = new Map<pg.PoolClient, (error: Error) => void>();

  constructor(private readonly ctx: AppContext) {}

  /**
   * Adds an open stream (dropped when it closes) and sends it what its user has not received yet.
   * The caller ends the stream if this throws.
   */
  async subscribe(subscriber: Subscriber): Promise<void> {
    this.subscribers.add(subscriber);
    subscriber.response.once('close', () => this.subscribers.delete(subscriber));
    await this.ensureListening();
    const { rows } = await this.ctx.pool.query<NotificationView>(
      `select ${columns} from notifications
        where workspace_id = $1 and user_id = $2 and delivered_at is null and created_at > $3 order by created_at limit 50`,
      [subscriber.workspaceId, subscriber.userId, new Date(this.ctx.clock.now().getTime() - 86_400_000)],
    );
    for (const notification of rows) await this.deliver(subscriber, notification);
  }

  private async ensureListening(): Promise<void> {
    if (this.listener) return;
    this.starting ??= (async () => {
      const listener = await this.ctx.pool.connect();
      listener.on('notification', (message) => {
        if (message.channel !== NOTIFICATION_CHANNEL || !message.payload) return;
        this.dispatch(message.payload).catch((error) =>
          this.ctx.logger.warn({ error }, 'notification dispatch failed'),
        );
      });
      const onError = (error: Error) => {
        // Without the LISTEN connection nothing would arrive: end every stream, so browsers
        // reconnect (EventSource does) and the next subscriber listens again and replays the backlog.
        this.ctx.logger.warn({ error }, 'notification listener lost; ending live streams');
        this.stopListening(listener, error);
      };
      listener.on('error', onError);
      this.errorHandlers.set(listener, onError);
      await listener.query(`listen ${NOTIFICATION_CHANNEL}`);
      this.listener = listener;
      this.heartbeat = setInterval(() => {
        for (const subscriber of this.subscribers) subscriber.response.write(': keep-alive\n\n');
      }, 25_000);
      this.heartbeat.unref();
    })();
    try {
      await this.starting;
    } catch (error) {
      this.starting = undefined;
      throw error;
    }
  }

  private async dispatch(payload: string): Promise<void> {
    const { workspaceId, userId, id } = JSON.parse(payload) as { workspaceId: string; userId: string; id: string };
    const targets = [...this.subscribers].filter((s) => s.workspaceId === workspaceId && s.userId === userId);
    if (targets.length === 0) return;
    const { rows } = await this.ctx.pool.query<NotificationView>(
      `select ${columns} from notifications where workspace_id = $1 and id = $2`,
      [workspaceId, id],
    );
    const notification = rows[0];
    if (!notification) return;
    for (const target of targets) await this.deliver(target, notification);
  }

  private async deliver(subscriber: Subscriber, notification: NotificationView): Promise<void> {
    const { response } = subscriber;
    // A stream that closed meanwhile has delivered nothing: the notification waits for the next one.
    if (response.destroyed || response.writableEnded) return;
    response.write(`id: ${notification.id}\nevent: notification\ndata: ${JSON.stringify(notification)}\n\n`);
    const at = this.ctx.clock.now();
    await this.ctx.pool.query(
      `with first as (
         update notifications set delivered_at = $3 where workspace_id = $1 and id = $2 and delivered_at is null
         returning assignment_id)
       update assignments a set notified_at = $3 from first
        where a.workspace_id = $1 and a.id = first.assignment_id and a.notified_at is null`,
      [subscriber.workspaceId, notification.id, at],
    );
  }

  private stopListening(listener: pg.PoolClient | undefined, error?: Error): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    for (const subscriber of this.subscribers) subscriber.response.end();
    this.subscribers.clear();
    if (this.listener === listener) {
      this.listener = undefined;
      this.starting = undefined;
    }
    // Once only, and without our handlers: back in the pool, the connection is someone else's.
    const onError = listener && this.errorHandlers.get(listener);
    if (!listener || !onError) return;
    this.errorHandlers.delete(listener);
    listener.off('error', onError);
    listener.removeAllListeners('notification');
    listener.release(error);
  }

  /** Ends every stream (shutdown): browsers reconnect to another process or after the restart. */
  async close(): Promise<void> {
    const listener = this.listener;
    if (listener) await listener.query(`unlisten ${NOTIFICATION_CHANNEL}`).catch(() => undefined);
    this.stopListening(listener);
  }
}

export async function listNotifications(ctx: AppContext, workspaceId: string, userId: string, limit: number) {
  const { rows } = await ctx.pool.query<NotificationView>(
    `select ${columns} from notifications where workspace_id = $1 and user_id = $2 order by created_at desc, id desc limit $3`,
    [workspaceId, userId, limit],
  );
  return rows;
}

export async function markNotificationsRead(
  ctx: AppContext,
  workspaceId: string,
  userId: string,
  ids: string[] | 'all',
) {
  await ctx.pool.query(
    `update notifications set read_at = $4 where workspace_id = $1 and user_id = $2 and read_at is null
        and ($3::uuid[] is null or id = any($3::uuid[]))`,
    [workspaceId, userId, ids === 'all' ? null : ids, ctx.clock.now()],
  );
}
