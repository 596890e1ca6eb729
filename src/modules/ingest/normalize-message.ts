import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sanitizeJson, TooDeepError } from './sanitize-json';
import type { EventType } from './schema';

/** Segment's limits: 32 KB per message (500 KB per batch is enforced on the request body). */
export const MAX_MESSAGE_BYTES = 32 * 1024;
const MAX_NESTING = 32;
/** Timestamps later than this past reception are the sender's clock, not the future. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Nothing Baton tracks happened before 1990; earlier values are unset clocks (epoch 0). */
const EARLIEST_PLAUSIBLE = Date.UTC(1990, 0, 1);

export type NormalizedEvent = {
  messageId: string;
  type: EventType;
  anonymousId: string | null;
  userId: string | null;
  event: string | null;
  name: string | null;
  groupId: string | null;
  previousId: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown>;
  context: Record<string, unknown>;
  extra: Record<string, unknown> | null;
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
};

export type Rejection = { reason: string; field?: string; messageId?: string };

// Ids may arrive as numbers from some libraries; they are strings from here on.
const id = z
  .union([z.string(), z.number().transform(String)])
  .pipe(z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'));
const jsonObject = z.record(z.string(), z.unknown());
const when = z.union([z.string().max(64), z.number()]);

const messageSchema = z.looseObject({
  type: z.enum(['track', 'identify', 'page', 'screen', 'group', 'alias']),
  messageId: id.optional(),
  anonymousId: id.nullish(),
  userId: id.nullish(),
  event: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  name: z.string().max(500).nullish(),
  groupId: id.optional(),
  previousId: id.optional(),
  properties: jsonObject.optional(),
  traits: jsonObject.optional(),
  context: jsonObject.optional(),
  integrations: jsonObject.optional(),
  timestamp: when.optional(),
  originalTimestamp: when.optional(),
  sentAt: when.optional(),
  writeKey: z.string().optional(),
  // The browser library's short field names.
  _metadata: z.unknown().optional(),
});

const known = new Set(Object.keys(messageSchema.shape));

type Message = z.infer<typeof messageSchema>;
const messageTypes = new Set(['track', 'identify', 'page', 'screen', 'group', 'alias']);
const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCleanId = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.length <= 200 && value.trim() === value;

/**
 * The common case, checked without copying: every field already of the type and size
 * `messageSchema` wants (ids as trimmed strings). Anything else goes through the schema, which then
 * names the problem. Ingest is the hottest path; the schema stays the single definition of valid.
 */
function isPlainlyValid(message: Record<string, unknown>): boolean {
  const { type, event, name } = message;
  return (
    typeof type === 'string' &&
    messageTypes.has(type) &&
    (message.messageId === undefined || isCleanId(message.messageId)) &&
    (message.anonymousId == null || isCleanId(message.anonymousId)) &&
    (message.userId == null || isCleanId(message.userId)) &&
    (message.groupId === undefined || isCleanId(message.groupId)) &&
    (message.previousId === undefined || isCleanId(message.previousId)) &&
    (event === undefined ||
      (typeof event === 'string' && event.length <= 200 && event.trim() === event && event !== '')) &&
    (name == null || (typeof name === 'string' && name.length <= 500)) &&
    (message.properties === undefined || isObject(message.properties)) &&
    (message.traits === undefined || isObject(message.traits)) &&
    (message.context === undefined || isObject(message.context)) &&
    (message.integrations === undefined || isObject(message.integrations)) &&
    [message.timestamp, message.originalTimestamp, message.sentAt].every(
      (when) => when === undefined || typeof when === 'number' || (typeof when === 'string' && when.length <= 64),
    ) &&
    (message.writeKey === undefined || typeof message.writeKey === 'string')
  );
}

function parseTime(value: string | number | undefined, field: string): Date | null | Rejection {
  if (value === undefined) return null;
  const date = typeof value === 'number' ? new Date(value) : new Date(value);
  if (Number.isNaN(date.getTime())) return { reason: `${field} is not a valid date`, field };
  return date;
}

const isRejection = (value: unknown): value is Rejection =>
  typeof value === 'object' && value !== null && 'reason' in value;

/**
 * Validates one Segment message and normalises it: ids as strings, timestamps corrected for clock
 * skew (`receivedAt - (sentAt - timestamp)`, as Segment does), the request's IP filled into
 * `context` when absent, unknown fields kept in `extra`. Pure: no I/O.
 */
export function normalizeMessage(
  raw: unknown,
  input: { receivedAt: Date; type?: EventType; batchSentAt?: unknown; ip?: string },
): NormalizedEvent | Rejection {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { reason: 'message must be a JSON object' };
  let clean: Record<string, unknown>;
  let approximateSize: number;
  try {
    ({ clean, approximateSize } = sanitizeJson(raw, MAX_NESTING) as {
      clean: Record<string, unknown>;
      approximateSize: number;
    });
  } catch (error) {
    if (error instanceof TooDeepError) return { reason: `message is nested deeper than ${MAX_NESTING} levels` };
    throw error;
  }
  if (input.type) clean.type = input.type;
  const messageIdHint = typeof clean.messageId === 'string' ? clean.messageId.slice(0, 200) : undefined;
  // Measure exactly only when the estimate comes near the limit (it is within a few percent).
  const size = approximateSize > MAX_MESSAGE_BYTES * 0.75 ? Buffer.byteLength(JSON.stringify(clean)) : approximateSize;
  if (size > MAX_MESSAGE_BYTES) {
    return { reason: `message is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}`, messageId: messageIdHint };
  }
  let message: Message;
  if (isPlainlyValid(clean)) {
    message = clean as Message;
  } else {
    const parsed = messageSchema.safeParse(clean);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join('.') || undefined;
      return { reason: field ? `${field}: ${issue.message}` : issue.message, field, messageId: messageIdHint };
    }
    message = parsed.data;
  }
  if (!message.userId && !message.anonymousId) {
    return { reason: 'userId or anonymousId is required', field: 'userId', messageId: messageIdHint };
  }
  if (message.type === 'track' && !message.event) {
    return { reason: 'event is required for track', field: 'event', messageId: messageIdHint };
  }
  if (message.type === 'group' && !message.groupId) {
    return { reason: 'groupId is required for group', field: 'groupId', messageId: messageIdHint };
  }
  if (message.type === 'alias' && !message.previousId) {
    return { reason: 'previousId is required for alias', field: 'previousId', messageId: messageIdHint };
  }

  const timestamp = parseTime(message.timestamp ?? message.originalTimestamp, 'timestamp');
  const sentAtValue =
    message.sentAt ??
    (typeof input.batchSentAt === 'string' || typeof input.batchSentAt === 'number' ? input.batchSentAt : undefined);
  const sentAt = parseTime(sentAtValue, 'sentAt');
  if (isRejection(timestamp)) return { ...timestamp, messageId: messageIdHint };
  if (isRejection(sentAt)) return { ...sentAt, messageId: messageIdHint };

  const received = input.receivedAt.getTime();
  let corrected = timestamp ? timestamp.getTime() : received;
  if (timestamp && sentAt) corrected = received - (sentAt.getTime() - timestamp.getTime());
  if (corrected > received + FUTURE_TOLERANCE_MS || corrected < EARLIEST_PLAUSIBLE) corrected = received;

  // Like Segment: the sender's address stands in for the visitor's when the library sent none. The
  // request's User-Agent is not the visitor's (server libraries send their own), so it is not copied.
  // The parsed message is ours alone: fill and collect in place rather than copying (ingest is hot).
  const context = message.context ?? {};
  if (input.ip && context.ip === undefined) context.ip = input.ip;

  let unknownFields: Record<string, unknown> | undefined;
  for (const key in message) {
    if (known.has(key)) continue;
    unknownFields ??= {};
    unknownFields[key] = message[key];
  }
  const extra: Record<string, unknown> = {};
  if (message.integrations) extra.integrations = message.integrations;
  if (unknownFields) extra.unknown = unknownFields;

  return {
    messageId: message.messageId ?? `baton-${randomUUID()}`,
    type: message.type,
    anonymousId: message.anonymousId ?? null,
    userId: message.userId ?? null,
    event: message.event ?? null,
    name: message.name ?? null,
    groupId: message.groupId ?? null,
    previousId: message.previousId ?? null,
    properties: message.properties ?? {},
    traits: message.traits ?? {},
    context,
    extra: Object.keys(extra).length > 0 ? extra : null,
    timestamp: new Date(corrected),
    originalTimestamp: timestamp,
    sentAt,
    receivedAt: input.receivedAt,
  };
}

export function isRejected(result: NormalizedEvent | Rejection): result is Rejection {
  return 'reason' in result;
}
