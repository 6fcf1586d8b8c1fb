import { resolve } from 'node:path';
import { isTimeZone } from '@stockpulse/contracts';
import { z } from 'zod';

/**
 * The only reader of process.env. Every variable the process understands is declared here, validated once at
 * boot, and handed around as a typed, frozen AppConfig. README's configuration table mirrors this schema.
 */
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be an integer from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      try {
        const parsed = new URL(v);
        if (!protocols.includes(parsed.protocol)) throw new Error();
        return v;
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be a URL starting with ${protocols.join(' or ')}` });
        return z.NEVER;
      }
    });

export const APP_ROLES = ['api', 'worker', 'all'] as const;
export type AppRole = (typeof APP_ROLES)[number];

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 1, 65535),
  APP_ROLE: z.enum(APP_ROLES, { message: 'must be api, worker or all' }).default('all'),
  WORKER_QUEUES: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((q) => q.trim()).filter(Boolean) : undefined)),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
    .default('stockpulse'),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  DEMO_DATA: bool(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: int(12, 1, 24 * 90),
  COOKIE_SECURE: bool(false),
  PUBLIC_URL: url(['http:', 'https:']),
  METRICS_PORT: int(0, 0, 65535),
  SHUTDOWN_TIMEOUT_MS: int(30_000, 1_000, 600_000),
  DB_POOL_SIZE: int(20, 1, 500),
  WEB_DIST_DIR: z.string().optional(),
  NIGHTLY_RECOMPUTE_AT: z
    .string()
    .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM (24-hour) or off')
    .default('02:00'),
  NIGHTLY_RECOMPUTE_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
    .default('UTC'),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  SECRET_KEY_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: url(['smtp:', 'smtps:']),
  SMTP_FROM: z.string().min(3).max(254).default('Stockpulse <alerts@stockpulse.local>'),
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC\w{32}$/, 'must be an account SID: AC and 32 characters').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{6,14}|MG\w{32})$/, 'must be an E.164 phone number or a messaging service SID').optional(),
  TWILIO_BASE_URL: url(['http:', 'https:']),
  WEBHOOK_SIGNING_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  NOTIFY_EMAIL_PER_MINUTE: int(120, 1, 100_000),
  NOTIFY_SMS_PER_MINUTE: int(30, 1, 100_000),
  NOTIFY_SMS_PER_PHONE_PER_HOUR: int(10, 1, 10_000),
  NOTIFY_WEBHOOK_PER_MINUTE: int(600, 1, 100_000),
  NOTIFY_MAX_ATTEMPTS: int(8, 1, 50),
  NOTIFY_RETRY_BASE_MS: int(5_000, 10, 3_600_000),
  NOTIFY_SEND_TIMEOUT_MS: int(15_000, 100, 120_000),
  NOTIFY_SMS_LOOKUP_AFTER_MS: int(120_000, 1_000, 86_400_000),
  NOTIFY_SMS_MAX_LOOKUPS: int(5, 1, 50),
});

export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly role: AppRole;
  readonly workerQueues?: readonly string[];
  readonly database: { readonly url?: string; readonly dataDir: string; readonly poolSize: number };
  readonly redisUrl?: string;
  /** namespace of every Redis key (REDIS_PREFIX), so several deployments or test workers share one Redis */
  readonly redisPrefix: string;
  readonly admin: { readonly email?: string; readonly password?: string };
  readonly demoData: boolean;
  readonly logLevel: string;
  readonly session: { readonly ttlHours: number; readonly cookieSecure: boolean };
  readonly publicUrl: string;
  readonly metricsPort: number;
  readonly shutdownTimeoutMs: number;
  readonly webDistDir: string;
  /**
   * Seals secrets kept in the database (webhook secrets). Unset: a key generated into DATA_DIR/secret.key at
   * first start. `previous` only opens, so a key can be rotated.
   */
  readonly secretKey: { readonly current?: string; readonly previous?: string };
  /** when the recompute of every policy runs each night, on the clock of `timeZone`; null: never */
  readonly nightlyRecompute: { readonly hour: number; readonly minute: number; readonly timeZone: string } | null;
  readonly notifications: NotificationsConfig;
}

export interface NotificationsConfig {
  /** unset: emails are rendered and kept in the message log (the embedded default) */
  readonly smtpUrl?: string;
  readonly smtpFrom: string;
  /** unset: SMS are rendered and kept in the message log */
  readonly twilio?: { readonly accountSid: string; readonly authToken: string; readonly from: string; readonly baseUrl?: string };
  /** signs webhooks of recipients without their own secret */
  readonly webhookSigningSecret?: string;
  readonly rateLimits: { readonly emailPerMinute: number; readonly smsPerMinute: number; readonly smsPerPhonePerHour: number; readonly webhookPerMinute: number };
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly sendTimeoutMs: number;
  /**
   * An SMS of unknown outcome is looked up in Twilio's message log this long after its attempt (Twilio has it
   * recorded by then); failed lookups are tried again, backing off from the same delay, up to smsMaxLookups.
   */
  readonly smsLookupAfterMs: number;
  readonly smsMaxLookups: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // an empty variable (`ADMIN_PASSWORD=` in a compose file) means "not set"
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const twilio = { TWILIO_ACCOUNT_SID: e.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: e.TWILIO_AUTH_TOKEN, TWILIO_FROM: e.TWILIO_FROM };
  const missing = Object.entries(twilio).filter(([, v]) => v === undefined);
  if (missing.length && missing.length < 3) {
    const lines = missing.map(([name]) => `  ${name}: must be set too (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM go together)`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    role: e.APP_ROLE,
    workerQueues: e.WORKER_QUEUES,
    database: { url: e.DATABASE_URL, dataDir: resolve(e.DATA_DIR), poolSize: e.DB_POOL_SIZE },
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    session: { ttlHours: e.SESSION_TTL_HOURS, cookieSecure: e.COOKIE_SECURE },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    metricsPort: e.METRICS_PORT,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    webDistDir: resolve(e.WEB_DIST_DIR ?? 'apps/web/dist'),
    secretKey: { current: e.SECRET_KEY, previous: e.SECRET_KEY_PREVIOUS },
    nightlyRecompute:
      e.NIGHTLY_RECOMPUTE_AT === 'off'
        ? null
        : { hour: Number(e.NIGHTLY_RECOMPUTE_AT.slice(0, 2)), minute: Number(e.NIGHTLY_RECOMPUTE_AT.slice(3)), timeZone: e.NIGHTLY_RECOMPUTE_TIME_ZONE },
    notifications: {
      smtpUrl: e.SMTP_URL,
      smtpFrom: e.SMTP_FROM,
      twilio: e.TWILIO_ACCOUNT_SID
        ? { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN!, from: e.TWILIO_FROM!, baseUrl: e.TWILIO_BASE_URL }
        : undefined,
      webhookSigningSecret: e.WEBHOOK_SIGNING_SECRET,
      rateLimits: {
        emailPerMinute: e.NOTIFY_EMAIL_PER_MINUTE,
        smsPerMinute: e.NOTIFY_SMS_PER_MINUTE,
        smsPerPhonePerHour: e.NOTIFY_SMS_PER_PHONE_PER_HOUR,
        webhookPerMinute: e.NOTIFY_WEBHOOK_PER_MINUTE,
      },
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      retryBaseMs: e.NOTIFY_RETRY_BASE_MS,
      sendTimeoutMs: e.NOTIFY_SEND_TIMEOUT_MS,
      smsLookupAfterMs: e.NOTIFY_SMS_LOOKUP_AFTER_MS,
      smsMaxLookups: e.NOTIFY_SMS_MAX_LOOKUPS,
    },
  });
}

/** Injection token for the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
