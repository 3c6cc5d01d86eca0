import { z } from 'zod';

/**
 * The one configuration of every process: environment variables with defaults, validated once at
 * startup. Nothing else reads `process.env`. A wrong value stops startup with the variable's name.
 */
const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** The console's roles (ADR 0010): the REST API and the page, the live wall's sockets, the background work. */
export const CONSOLE_ROLE_NAMES = ['api', 'ws', 'worker'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLE_NAMES)[number];

const consoleRoles = z.string().transform((value, ctx): ConsoleRole[] => {
  const roles = [
    ...new Set(
      value
        .split(',')
        .map((role) => role.trim())
        .filter((role) => role !== ''),
    ),
  ];
  for (const role of roles)
    if (!(CONSOLE_ROLE_NAMES as readonly string[]).includes(role))
      ctx.addIssue({ code: 'custom', message: `unknown role "${role}": say api, ws and/or worker` });
  if (roles.length === 0) ctx.addIssue({ code: 'custom', message: 'name at least one of api, ws, worker' });
  return roles as ConsoleRole[];
});

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Full connection string; when unset, the local server and the database named below. */
  DATABASE_URL: z.string().url().optional(),
  PGHOST: z.string().min(1).default('127.0.0.1'),
  PGPORT: port.default(5432),
  PGUSER: z.string().min(1).default('postgres'),
  PGPASSWORD: z.string().optional(),
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'lowercase letters, digits and underscores')
    .default('jiancha_demo'),
  KAFKA_BROKERS: z.string().min(1).default('127.0.0.1:19092'),
  KAFKA_PORT: port.default(19092),
  KAFKA_CONTROLLER_PORT: port.default(19093),
  KAFKA_VERSION: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .default('3.9.1'),
  KAFKA_CLIENT_ID: z.string().min(1).default('jiancha'),
  KAFKA_PARTITIONS: positiveInt.default(6),
  TOPIC_APPROVAL_EVENTS: z.string().min(1).default('approval.events'),
  TOPIC_DEAD_LETTERS: z.string().min(1).default('approval.events.dlq'),
  TOPIC_ALERTS: z.string().min(1).default('supervision.alerts'),
  PIPELINE_GROUP_ID: z.string().min(1).default('jiancha-pipeline'),
  /** Case folds one pipeline instance keeps between batches; 0 re-folds every touched case (ADR 0009). */
  PIPELINE_FOLD_CACHE_CASES: z.coerce.number().int().min(0).default(200_000),
  /** How long the group waits for a silent pipeline instance before giving its partitions to another. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(30_000),
  PIPELINE_HTTP_PORT: port.default(3101),
  CONSOLE_HTTP_PORT: port.default(3100),
  /** What this console process does, comma-separated: api, ws, worker (the demo: all three). */
  CONSOLE_ROLES: consoleRoles.default([...CONSOLE_ROLE_NAMES]),
  /** Live watermark = wall clock − grace, for business systems that report a little late. */
  TIMER_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  CATALOG_DIR: z.string().min(1).default('deploy/catalog/demo'),
  /** Project-local folder for the broker, its data and logs. */
  INFRA_HOME: z.string().min(1).default('.cache/infra'),
  SIMULATOR_RATE: z.coerce.number().positive().default(20),
  DEMO_SEED_USERS: bool.default(true),
  /** Password of the seeded demo users; when unset, one is generated and printed once at first start. */
  DEMO_PASSWORD: z.string().min(8).optional(),
  /** HS256 key of the console's login tokens: required in production (>= 32 chars); dev/test generate one. */
  JWT_SECRET: z.string().min(32).optional(),
  /** Lifetime of a login token: one working shift by default. */
  JWT_TTL_SECONDS: positiveInt.default(28_800),
  /** Express `trust proxy`: which proxies may set X-Forwarded-For (the address kept in the audit trail). */
  TRUST_PROXY: z.string().min(1).default('loopback'),
  /** Login throttling: attempts per window from one address, and for one username from anywhere. */
  LOGIN_THROTTLE_WINDOW_MS: positiveInt.default(900_000),
  LOGIN_THROTTLE_PER_ADDRESS: positiveInt.default(30),
  LOGIN_THROTTLE_PER_USERNAME: positiveInt.default(10),
  /** 督办期限: working days a department has to answer a signal, per level (0 = no deadline); pipeline and console. */
  RESPONSE_DAYS_RED: z.coerce.number().int().min(0).default(3),
  RESPONSE_DAYS_YELLOW: z.coerce.number().int().min(0).default(5),
  RESPONSE_DAYS_WARNING: z.coerce.number().int().min(0).default(0),
  /** How often the console registers signals whose recorded status lags (the pipeline registers its own). */
  SIGNAL_REGISTRAR_INTERVAL_MS: positiveInt.default(1_000),
  /** How often missed response deadlines are flagged. */
  OVERDUE_SWEEP_INTERVAL_MS: positiveInt.default(60_000),
  NOTIFIER_GROUP_ID: z.string().min(1).default('jiancha-notifier'),
  /** A department gets its first notification at once, then at most one digest per interval. */
  NOTIFY_DIGEST_INTERVAL_MS: positiveInt.default(60_000),
  /** Webhooks: attempts before a delivery is dead, backoff base and cap, request timeout. */
  WEBHOOK_MAX_ATTEMPTS: positiveInt.default(8),
  WEBHOOK_BACKOFF_MS: positiveInt.default(2_000),
  WEBHOOK_BACKOFF_MAX_MS: positiveInt.default(600_000),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  /**
   * Key of the secrets kept in the database (webhook and robot secrets, the SMTP password, the SMS
   * gateway's secret; AES-256-GCM, ADR 14): required in production; dev/test generate one.
   */
  SECRETS_KEY: z.string().min(16).optional(),
  /** The wall's address as people outside reach it, for the links in emails and robot messages. */
  PUBLIC_URL: z.string().url().optional(),
  /** Office hours of a working day (quiet hours outside them and on non-working days). */
  OFFICE_HOURS: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'HH:mm-HH:mm, e.g. 08:30-17:30')
    .default('08:30-17:30'),
  /** Email, robots and SMS: attempts before a message is dead, backoff base and cap, request timeout. */
  OUTBOUND_MAX_ATTEMPTS: positiveInt.default(10),
  OUTBOUND_BACKOFF_MS: positiveInt.default(2_000),
  OUTBOUND_BACKOFF_MAX_MS: positiveInt.default(600_000),
  OUTBOUND_TIMEOUT_MS: positiveInt.default(10_000),
  /** 升级督办: working days after the response deadline before a still unanswered notice goes to the office. */
  ESCALATION_OFFICE_DAYS: z.coerce.number().int().min(1).default(2),
  /** How often unanswered 督办 notices are looked for (re-sent to the head, then to the office). */
  ESCALATION_SWEEP_INTERVAL_MS: positiveInt.default(60_000),
  /** The CJK font of printed notices (a .ttf/.otf, or a .ttc with its face's PostScript name); unset: Debian's Noto CJK. */
  NOTICE_FONT_PATH: z.string().min(1).optional(),
  NOTICE_FONT_FAMILY: z.string().min(1).optional(),
  /** The performance evaluation's scoring scheme (JSON, `docs/evaluation.md`); unset: the default municipal scheme. */
  EVALUATION_SCHEME_FILE: z.string().min(1).optional(),
  /** The supervising office, in the header of the printed evaluation report. */
  OFFICE_NAME: z.string().min(1).max(100).default('市行政效能电子监察中心'),
  /** The largest file a department may attach to a signal (bytes; ADR 13). */
  ATTACHMENT_MAX_BYTES: positiveInt.max(100 * 1024 * 1024).default(10 * 1024 * 1024),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates an environment into the typed config, or throws one message naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** The PostgreSQL connection string for a database of this configuration. */
/** 督办期限: the working days of each level's response deadline (0: none), for `responseDeadline`. */
export function responseDaysOf(config: AppConfig): Record<'red' | 'yellow' | 'warning', number> {
  return {
    red: config.RESPONSE_DAYS_RED,
    yellow: config.RESPONSE_DAYS_YELLOW,
    warning: config.RESPONSE_DAYS_WARNING,
  };
}

export function databaseUrl(config: AppConfig, databaseName = config.DATABASE_NAME): string {
  if (config.DATABASE_URL) {
    const url = new URL(config.DATABASE_URL);
    if (databaseName !== config.DATABASE_NAME) url.pathname = `/${databaseName}`;
    return url.toString();
  }
  const auth = config.PGPASSWORD
    ? `${encodeURIComponent(config.PGUSER)}:${encodeURIComponent(config.PGPASSWORD)}`
    : encodeURIComponent(config.PGUSER);
  return `postgres://${auth}@${config.PGHOST}:${config.PGPORT}/${databaseName}`;
}

export function kafkaBrokers(config: AppConfig): string[] {
  return config.KAFKA_BROKERS.split(',').map((broker) => broker.trim());
}
