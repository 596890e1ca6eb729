import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { getForm } from './manage-forms';
import { getSubmission } from './manage-submissions';

const payloadSchema = z.object({ workspaceId: z.uuid(), submissionId: z.uuid() });

/**
 * Emails a processed submission to the users the form names: plain text only, so whatever a
 * visitor typed is shown as typed, never interpreted. A job of its own, so a slow mail server
 * never holds up processing; graphile-worker retries a failed send.
 */
export function submissionMailer(ctx: AppContext) {
  let transport: Transporter | undefined;
  return async function notifySubmission(payload: unknown): Promise<void> {
    const { workspaceId, submissionId } = payloadSchema.parse(payload);
    if (!ctx.config.smtpUrl) {
      ctx.logger.warn({ submissionId }, 'form notification not sent: BATON_SMTP_URL is not set');
      return;
    }
    const submission = await getSubmission(ctx, workspaceId, submissionId);
    const form = await getForm(ctx, workspaceId, submission.formId);
    if (form.notifyUserIds.length === 0) return;
    const { rows: users } = await ctx.pool.query<{ email: string; name: string }>(
      'select email, name from users where workspace_id = $1 and id = any($2::uuid[]) and disabled_at is null',
      [workspaceId, form.notifyUserIds],
    );
    if (users.length === 0) return;
    const labels = new Map(form.fields.map((field) => [field.name, field.label]));
    const lines = Object.entries(submission.values).map(([name, value]) => {
      const text = Array.isArray(value) ? value.join(', ') : value;
      // One line per answer: line breaks inside an answer are indented so they cannot fake a field.
      return `${labels.get(name) ?? name}: ${text.replace(/\r?\n/g, '\n    ')}`;
    });
    const utm = (submission.context.utm ?? {}) as Record<string, string>;
    const link =
      submission.contactId && ctx.config.publicUrl
        ? `\nOpen the lead: ${new URL(`/leads/${submission.contactId}`, ctx.config.publicUrl).href}\n`
        : '';
    transport ??= nodemailer.createTransport(ctx.config.smtpUrl);
    await transport.sendMail({
      from: ctx.config.mailFrom,
      to: users.map((user) => ({ name: user.name, address: user.email })),
      subject: `${form.handRaiser ? 'Hand-raiser' : 'New submission'}: ${form.name}`
        .replace(/[\r\n]+/g, ' ')
        .slice(0, 200),
      text: [
        `${form.name} was submitted on ${submission.receivedAt.toISOString()}.`,
        '',
        ...lines,
        '',
        submission.context.pageUrl ? `Page: ${submission.context.pageUrl}` : null,
        utm.source || utm.campaign
          ? `Source: ${[utm.source, utm.medium, utm.campaign].filter(Boolean).join(' / ')}`
          : null,
        link,
      ]
        .filter((line) => line !== null)
        .join('\n'),
    });
  };
}
