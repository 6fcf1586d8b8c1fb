import { z } from 'zod';
import { ALERT_KINDS, ALERT_SEVERITIES, AlertKind, AlertSeverity } from './alerts';
import { isTimeZone } from './catalog';
import { codeSchema, Page, pageQuerySchema } from './common';
import { ROLES, Role } from './identity';

export const CHANNELS = ['email', 'sms', 'webhook', 'dashboard'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * pending: waiting for its send job (or for quiet hours or a rate limit to pass); sending: a worker holds the
 * lease; retrying: a temporary failure, sent again at nextAttemptAt. Final: delivered; dead (temporary failures
 * until the attempts ran out); rejected (a permanent failure: the address is suppressed); suppressed (not sent:
 * the address had been rejected before); unknown (an SMS whose send timed out or whose worker died: never resent
 * blindly; with Twilio it is looked up in Twilio's message log at nextLookupAt: found, it becomes delivered;
 * absent, retrying (sent again); it stays unknown, for a person, once its lookups have failed).
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'delivered', 'dead', 'rejected', 'suppressed', 'unknown'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['delivered', 'dead', 'rejected', 'suppressed', 'unknown'];
/** A person may send these again (POST /api/v1/deliveries/{id}/retry). */
export const RETRYABLE_DELIVERY_STATUSES: readonly DeliveryStatus[] = ['dead', 'rejected', 'suppressed', 'unknown'];

const list = <T extends z.ZodTypeAny>(item: T, max = 50) => z.array(item).max(max, `must have at most ${max} entries`);
const severityList = list(z.enum(ALERT_SEVERITIES, { message: `must be one of ${ALERT_SEVERITIES.join(', ')}` }));
const clock = z.string({ message: 'must be a string' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24 h)');
const timeZone = z.string({ message: 'must be a string' }).refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris');
const email = z.email({ message: 'must be an email address' }).max(254);
const phone = z.string({ message: 'must be a string' }).regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, e.g. +14155550100');
const webhookUrl = z
  .url({ message: 'must be an http(s) URL', protocol: /^https?$/ })
  .max(2000, 'must be at most 2,000 characters');

/** Which severities a recipient accepts on each channel (a channel left out: the default of CHANNEL_SEVERITY_DEFAULTS). */
export const channelSeveritiesSchema = z
  .object({ email: severityList.optional(), sms: severityList.optional(), webhook: severityList.optional(), dashboard: severityList.optional() })
  .strict();
export const CHANNEL_SEVERITY_DEFAULTS: Record<Channel, readonly AlertSeverity[]> = {
  email: ALERT_SEVERITIES,
  sms: ['critical'],
  webhook: ALERT_SEVERITIES,
  dashboard: ALERT_SEVERITIES,
};

export const quietHoursSchema = z.object({ start: clock, end: clock }).strict();
export type QuietHours = z.infer<typeof quietHoursSchema>;
/** approaching and overstock alerts gathered into one message per period instead of one each. */
export const digestScheduleSchema = z
  .object({ period: z.enum(['hourly', 'daily'], { message: 'must be hourly or daily' }), at: clock.optional() })
  .strict()
  .refine((d) => d.period === 'hourly' || d.at !== undefined, { message: 'a daily digest needs `at` (HH:MM)', path: ['at'] });
export type DigestSchedule = z.infer<typeof digestScheduleSchema>;
export const DIGEST_KINDS: readonly AlertKind[] = ['approaching', 'overstock'];

const recipientFields = {
  name: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(200),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  webhookUrl: webhookUrl.nullable().optional(),
  /** signs the webhook; generated (and shown once) when left out */
  webhookSecret: z.string({ message: 'must be a string' }).min(16, 'must be at least 16 characters').max(200).optional(),
  timeZone: timeZone.optional(),
  quietHours: quietHoursSchema.nullable().optional(),
  channelSeverities: channelSeveritiesSchema.optional(),
  digest: digestScheduleSchema.nullable().optional(),
  active: z.boolean({ message: 'must be true or false' }).optional(),
};
/** A recipient is a user of Stockpulse (userId: the email comes from the user) or an external contact. */
export const recipientCreateSchema = z
  .object({ ...recipientFields, name: recipientFields.name.optional(), userId: z.uuid({ message: 'must be a user id' }).optional() })
  .strict()
  .refine((r) => r.userId !== undefined || r.name !== undefined, { message: 'is required for an external contact', path: ['name'] })
  .refine((r) => r.userId !== undefined || r.email || r.phone || r.webhookUrl, {
    message: 'an external contact needs an email, a phone or a webhookUrl',
    path: ['email'],
  });
export const recipientPatchSchema = z.object(recipientFields).partial().strict();
export type RecipientCreate = z.infer<typeof recipientCreateSchema>;
export type RecipientPatch = z.infer<typeof recipientPatchSchema>;

export interface Recipient {
  id: string;
  name: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  webhookUrl: string | null;
  timeZone: string;
  quietHours: QuietHours | null;
  channelSeverities: Record<Channel, AlertSeverity[]>;
  digest: DigestSchedule | null;
  active: boolean;
  /** addresses refused for good by a provider; nothing is sent to them until they change or a delivery is retried */
  suppressed: { channel: Channel; address: string; reason: string; at: string }[];
  createdAt: string;
  updatedAt: string;
}
/** POST /api/v1/notification-recipients/{id}/test: send a test message on one of the recipient's channels. */
export const recipientTestSchema = z
  .object({ channel: z.enum(['email', 'sms', 'webhook'], { message: 'must be one of email, sms, webhook' }) })
  .strict();
export type RecipientTest = z.infer<typeof recipientTestSchema>;

/** POST /api/v1/notification-recipients answers the webhook secret once. */
export interface CreatedRecipient extends Recipient {
  webhookSecret: string | null;
}
export const recipientListQuerySchema = pageQuerySchema
  .extend({ q: z.string().trim().max(200).optional(), userId: z.uuid({ message: 'must be a user id' }).optional() })
  .strict();

/** Who a rule tells: a recipient, a user, every active user of a role, or an address (kept as an external contact). */
export const ruleTargetSchema = z
  .object({
    recipientId: z.uuid({ message: 'must be a recipient id' }).optional(),
    userId: z.uuid({ message: 'must be a user id' }).optional(),
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }).optional(),
    email: email.optional(),
    phone: phone.optional(),
    webhookUrl: webhookUrl.optional(),
  })
  .strict()
  .refine((t) => Object.values(t).filter((v) => v !== undefined).length === 1, {
    message: 'must name exactly one of recipientId, userId, role, email, phone, webhookUrl',
  });
export type RuleTarget = z.infer<typeof ruleTargetSchema>;
const targets = list(ruleTargetSchema, 100);

const ruleFields = {
  name: z.string({ message: 'must be a string' }).trim().min(1, 'must not be empty').max(200),
  severities: severityList.optional(),
  kinds: list(z.enum(ALERT_KINDS, { message: `must be one of ${ALERT_KINDS.join(', ')}` })).optional(),
  categories: list(z.string().trim().min(1).max(100)).optional(),
  locations: list(codeSchema).optional(),
  suppliers: list(codeSchema).optional(),
  channels: list(z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` }), 4).min(1, 'must name at least one channel'),
  recipients: targets.min(1, 'must name at least one recipient'),
  /**
   * Escalation chain of critical alerts left unacknowledged: tier n is told at the alert's n-th time-based
   * escalation (every `escalateAfterMinutes` of the alert settings); past the last tier, the last tier again.
   */
  escalation: list(z.object({ recipients: targets.min(1, 'must name at least one recipient') }).strict(), 10).optional(),
  active: z.boolean({ message: 'must be true or false' }).optional(),
};
export const ruleCreateSchema = z.object(ruleFields).strict();
export const rulePatchSchema = z.object(ruleFields).partial().strict();
export type RuleCreate = z.infer<typeof ruleCreateSchema>;

export interface NotificationRule {
  id: string;
  name: string;
  /** empty: any */
  severities: AlertSeverity[];
  kinds: AlertKind[];
  categories: string[];
  locations: string[];
  suppliers: string[];
  channels: Channel[];
  recipients: ({ recipientId: string } | { role: Role })[];
  escalation: { recipients: ({ recipientId: string } | { role: Role })[] }[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
export const ruleListQuerySchema = pageQuerySchema.extend({ active: z.enum(['true', 'false']).optional() }).strict();

export interface Delivery {
  id: string;
  /** null for a digest */
  alertId: string | null;
  digestId: string | null;
  recipientId: string;
  recipientName: string;
  channel: Channel;
  address: string;
  escalationStep: number;
  /** the alert kind the message tells of (a kind escalation is a new message) */
  kind: AlertKind | null;
  /** test: a message a person sent to check the recipient's channel (POST /notification-recipients/{id}/test) */
  event: 'alert' | 'resolved' | 'digest' | 'test';
  sku: string | null;
  location: string | null;
  status: DeliveryStatus;
  attempts: number;
  providerId: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  /** SMS: how many times Twilio's message log was asked whether the SMS of unknown outcome was sent */
  lookups: number;
  /** when an unknown SMS is next looked up; null once the lookups have failed (a person decides) or without Twilio */
  nextLookupAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export const deliveryListQuerySchema = pageQuerySchema
  .extend({
    alert: z.uuid({ message: 'must be an alert id' }).optional(),
    recipient: z.uuid({ message: 'must be a recipient id' }).optional(),
    channel: z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` }).optional(),
    status: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
        z.array(z.enum(DELIVERY_STATUSES, { message: `must be one of ${DELIVERY_STATUSES.join(', ')}` })).max(8),
      )
      .optional(),
  })
  .strict();
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;

/** A message rendered but kept instead of sent: the embedded default without SMTP_URL / TWILIO_*. */
export interface LoggedMessage {
  id: string;
  deliveryId: string;
  channel: Channel;
  address: string;
  subject: string | null;
  text: string;
  html: string | null;
  createdAt: string;
}
export const messageLogQuerySchema = pageQuerySchema
  .extend({ channel: z.enum(CHANNELS, { message: `must be one of ${CHANNELS.join(', ')}` }).optional() })
  .strict();

/**
 * The bell: alerts routed to the signed-in user on the dashboard channel (opened and escalated; not resolutions),
 * newest first, each read or not.
 */
export interface InboxItem {
  /** the delivery's id */
  id: string;
  alertId: string;
  kind: AlertKind;
  severity: AlertSeverity;
  sku: string;
  skuName: string;
  location: string;
  escalationStep: number;
  /** what happened, one line */
  title: string;
  createdAt: string;
  readAt: string | null;
}
export interface InboxPage extends Page<InboxItem> {
  /** unread items in the whole inbox, not only this page */
  unread: number;
}
export const inboxQuerySchema = pageQuerySchema.extend({ unread: z.enum(['true', 'false'], { message: 'must be true or false' }).optional() }).strict();
export const inboxReadSchema = z
  .object({
    ids: z.array(z.uuid({ message: 'must be an inbox item id' }), { message: 'must be a list of inbox item ids' }).min(1, 'must name at least one item').max(500, 'must have at most 500 entries').optional(),
    all: z.literal(true, { message: 'must be true' }).optional(),
  })
  .strict()
  .refine((b) => (b.ids ? 1 : 0) + (b.all ? 1 : 0) === 1, { message: 'must give either ids or all: true', path: ['ids'] });
export type InboxRead = z.infer<typeof inboxReadSchema>;

/** `Stockpulse-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` */
export const WEBHOOK_SIGNATURE_HEADER = 'stockpulse-signature';
export const WEBHOOK_DELIVERY_HEADER = 'stockpulse-delivery';
