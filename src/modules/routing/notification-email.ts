import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { AppContext } from '../../core/context';

export const emailJobPayload = z.object({ workspaceId: z.uuid(), notificationId: z.uuid() });

/**
 * Sends one in-app notification by email too: its title as the subject, the call brief as the
 * body, a link to the lead. Runs as a job queued with the notification, so a slow or failing mail
 * server never holds up routing; graphile-worker retries a failed send, and the last error stays
 * on the notification.
 */
export function notificationMailer(ctx: AppContext) {
  let transport: Transporter | undefined;
  const transporter = () => {
    if (!ctx.config.smtpUrl) throw new Error('BATON_SMTP_URL is not set');
    transport ??= nodemailer.createTransport(ctx.config.smtpUrl);
    return transport;
  };
  return async function sendNotificationEmail(payload: unknown): Promise<void> {
    const { workspaceId, notificationId } = emailJobPayload.parse(payload);
    const { rows } = await ctx.pool.query<{
      title: string;
      body: string;
      contact_id: string | null;
      emailed_at: Date | null;
      email: string;
      name: string;
    }>(
      `select n.title, n.body, n.contact_id, n.emailed_at, u.email, u.name
         from notifications n join users u on u.workspace_id = n.workspace_id and u.id = n.user_id
        where n.workspace_id = $1 and n.id = $2 and u.disabled_at is null`,
      [workspaceId, notificationId],
    );
    const notification = rows[0];
    if (!notification || notification.emailed_at) return;
    const link =
      notification.contact_id && ctx.config.publicUrl
        ? `\n\nOpen the lead: ${new URL(`/leads/${notification.contact_id}`, ctx.config.publicUrl).href}`
        : '';
    try {
      await transporter().sendMail({
        from: ctx.config.mailFrom,
        to: { name: notification.name, address: notification.email },
        subject: notification.title,
        // Plain text only: lead data is shown as typed, never interpreted as markup.
        text: `${notification.body}${link}\n`,
      });
    } catch (error) {
      await ctx.pool.query('update notifications set email_error = $3 where workspace_id = $1 and id = $2', [
        workspaceId,
        notificationId,
        String((error as Error).message ?? error).slice(0, 500),
      ]);
      throw error;
    }
    await ctx.pool.query(
      'update notifications set emailed_at = $3, email_error = null where workspace_id = $1 and id = $2',
      [workspaceId, notificationId, ctx.clock.now()],
    );
  };
}
