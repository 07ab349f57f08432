import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  validateSync,
  ValidatorConstraint,
} from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';
import { DEFAULT_RETENTION, isValidTimeZone, RETENTION_RULES } from '@privacy-desk/shared';
import type { ClockSettings, Jurisdiction, RetentionConfig } from '@privacy-desk/shared';

@ValidatorConstraint({ name: 'isTimeZone' })
class IsTimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidTimeZone(value);
  }
  defaultMessage(): string {
    return 'must be an IANA time zone such as UTC or America/Los_Angeles';
  }
}

@ValidatorConstraint({ name: 'isSmtpUrl' })
class IsSmtpUrlConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    try {
      const url = new URL(value);
      return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
    } catch {
      return false;
    }
  }
  defaultMessage(): string {
    return 'must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587';
  }
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value;
};
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

const DEV_SECRET_KEY = 'privacy-desk-development-secret-key-not-for-production';

const SECRET_KEY_ADVICE = 'generate one with `openssl rand -base64 48`';
/** Words of placeholders and examples that are no secret, whatever their length. */
const PLACEHOLDER_WORDS = ['change-me', 'changeme', 'change_me', 'example', 'not-for-production'];
/**
 * Estimated bits a production SECRET_KEY must reach. The estimate reads the key's own characters,
 * so it runs low for short random keys: 32 random hex digits (128 bits) scored from 86 to 125
 * bits in three million draws, and 96 refused about one in ten thousand. Scoring below 64 needs
 * a key drawn from about four characters, which a random hex key does with odds near 1e-16.
 */
const SECRET_KEY_MIN_BITS = 64;

/**
 * Why a SECRET_KEY is too guessable for production, or null when it will do. The estimate is
 * the key's length times its per-character Shannon entropy: one character repeated, a short
 * repeated block, a run of neighbouring characters or a placeholder are refused.
 */
export function secretKeyProblem(key: string): string | null {
  const lower = key.toLowerCase();
  if (PLACEHOLDER_WORDS.some((word) => lower.includes(word))) {
    return `is a placeholder, not a secret; ${SECRET_KEY_ADVICE}`;
  }
  const chars = [...key];
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((char, i) => char === chars[i % period])) {
      return `repeats a block of ${period} character(s), which is no secret; ${SECRET_KEY_ADVICE}`;
    }
  }
  let neighbours = 0;
  for (let i = 1; i < chars.length; i++) {
    const step = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!;
    if (Math.abs(step) <= 1) neighbours++;
  }
  if (neighbours > chars.length / 2) {
    return `is mostly runs of neighbouring characters (like "abcd" or "aaaa"); ${SECRET_KEY_ADVICE}`;
  }
  const counts = new Map<string, number>();
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bitsPerChar -= p * Math.log2(p);
  }
  const bits = Math.floor(bitsPerChar * chars.length);
  if (bits < SECRET_KEY_MIN_BITS) {
    return `has too little entropy (about ${bits} bits, at least ${SECRET_KEY_MIN_BITS} needed); ${SECRET_KEY_ADVICE}`;
  }
  return null;
}

/**
 * Every setting Privacy Desk reads, as environment variables. Validated once at start;
 * a bad value stops the server with a message naming the variable.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** `sqlite:./path/to/file.sqlite` or `postgres://user:pass@host:5432/db`. */
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'must be sqlite:<path> or postgres://user:password@host:port/database',
  })
  DATABASE_URL = 'sqlite:./data/privacy-desk.sqlite';

  /** Postgres schema to use (tests give each file its own). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]*$/, { message: 'must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Origins allowed to call the API from a browser; empty means same-origin only. */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^https?:\/\/[^/\s]+$/, { each: true, message: 'must list origins like https://host' })
  CORS_ORIGINS: string[] = [];

  /** Password of the demo accounts seeded outside production. */
  @IsString()
  @MinLength(12)
  DEMO_PASSWORD = 'privacy-desk-demo';

  /** Seeds demo accounts on an empty database (never in production). */
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO_DATA = true;

  /** With SEED_DEMO_DATA: also a few demo subjects and requests in different states. */
  @Transform(toBool)
  @IsBoolean()
  SEED_DEMO_REQUESTS = true;

  /**
   * Encrypts TOTP secrets and held confirmation links at rest. Required in production, where
   * it must also be random (see `secretKeyProblem`).
   */
  @IsString()
  @MinLength(32)
  SECRET_KEY = DEV_SECRET_KEY;

  /**
   * Comma-separated older values of SECRET_KEY, still accepted to read TOTP secrets and to
   * verify audit entries and checkpoints they made (see the README, "Rotating SECRET_KEY").
   */
  @Transform(toList)
  @IsString({ each: true })
  SECRET_KEY_PREVIOUS: string[] = [];

  /**
   * Append-only file of signed audit checkpoints. Default: `audit-checkpoints.jsonl` beside the
   * SQLite file, or `./data/audit-checkpoints.jsonl` on PostgreSQL.
   */
  @IsOptional()
  @IsString()
  AUDIT_CHECKPOINT_FILE?: string;

  /** How often a checkpoint of the audit chain's head is written (when it moved). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  AUDIT_CHECKPOINT_MINUTES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  SESSION_ABSOLUTE_HOURS = 12;

  /** Sets the Secure flag on the session cookie; defaults to on in production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /** Sign-in attempts allowed per IP address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_MINUTES = 15;

  /** Express `trust proxy` setting: hops to trust for the client IP (0 = none). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRUST_PROXY_HOPS = 0;

  /** Runs the background job runner in this instance. */
  @Transform(toBool)
  @IsBoolean()
  JOBS_ENABLED = true;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  JOB_POLL_INTERVAL_MS = 1000;

  /** How long a claimed job is held before another instance may take it over. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  JOB_LEASE_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOB_MAX_ATTEMPTS = 5;

  /** First retry delay; doubles with each attempt, at most an hour. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JOB_RETRY_BASE_SECONDS = 30;

  /** From how many rows the console runs a CSV export as a background job. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EXPORT_BACKGROUND_THRESHOLD = 50_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  JOB_CONCURRENCY = 4;

  /** Test-support routes and jobs (`/api/diagnostics`); refused in production. */
  @Transform(toBool)
  @IsBoolean()
  ENABLE_DIAGNOSTICS = false;

  /** Period of the diagnostics recurring job, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DIAGNOSTICS_TICK_SECONDS = 60;

  /** IANA time zone in which legal-clock dates are counted. */
  @IsString()
  @Validate(IsTimeZoneConstraint)
  BUSINESS_TIME_ZONE = 'UTC';

  /**
   * Comma-separated YYYY-MM-DD public holidays: not business days, and a GDPR period ending on
   * one ends on the next working day (Regulation 1182/71 Art. 3(4)).
   */
  @Transform(toList)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true, message: 'must list dates as YYYY-MM-DD' })
  BUSINESS_HOLIDAYS: string[] = [];

  /** The desk aims to finish this many business days before each legal due date. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30)
  CLOCK_TARGET_MARGIN_BUSINESS_DAYS = 3;

  /** Jurisdiction given to a request when none is stated. */
  @IsIn(['gdpr', 'ccpa', 'hipaa', 'can_spam', 'other'])
  DEFAULT_JURISDICTION: Jurisdiction = 'gdpr';

  /** How long a claimed request stays with its assignee without activity. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  REQUEST_LEASE_MINUTES = 30;

  /** Country assumed for phone numbers written without +country code (ISO 3166-1 alpha-2). */
  @Matches(/^[A-Z]{2}$/, { message: 'must be a two-letter country code' })
  DEFAULT_PHONE_COUNTRY = 'US';

  /** Submissions to the public request form per IP address per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_FORM_RATE_LIMIT_PER_HOUR = 20;

  /** How long the confirmation link emailed to a public requester works. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  VERIFICATION_LINK_HOURS = 24;

  /** How long a delivered package's download link works (default 7 days). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90 * 24 * 60)
  PACKAGE_LINK_EXPIRY_MINUTES = 7 * 24 * 60;

  /** How many downloads (any format) one package link allows. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  PACKAGE_LINK_MAX_DOWNLOADS = 5;

  /** Opening package download links, per IP address per hour (guessing tokens is pointless, but cheap to stop). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PACKAGE_LINK_RATE_LIMIT_PER_HOUR = 60;

  /**
   * Where outgoing mail goes: `smtp://[user:password@]host:port` (STARTTLS when offered) or
   * `smtps://…` (TLS from the start). Unset: mail is held in the outbox, read in the console.
   */
  @IsOptional()
  @Validate(IsSmtpUrlConstraint)
  SMTP_URL?: string;

  /** Sender of outgoing mail: `address` or `Name <address>`. */
  @Matches(/^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
    message: 'must be an address such as privacy@example.com or Privacy Desk <privacy@example.com>',
  })
  MAIL_FROM = 'Privacy Desk <privacy@localhost>';

  /**
   * The address people reach this server at, for links in emails (no trailing slash). Unset:
   * `http://localhost:<PORT>` when HOST listens on every address or on localhost, else
   * `http://<HOST>:<PORT>` (see `defaultPublicBaseUrl`).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s/?#])?$/, {
    message: 'must be an http(s) URL without a trailing slash, such as https://privacy.example.com',
  })
  PUBLIC_BASE_URL: string;

  /**
   * The OpenAPI documentation at `/api/docs` and `/api/docs-json`. Default: on outside
   * production, off in production; when turned on in production it needs a signed-in session.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  API_DOCS?: boolean;

  /**
   * Months a closed request keeps its personal data before the retention purge blanks it. At
   * least 24: CCPA Regulations §7101 require records of requests for 24 months.
   */
  @Transform(toInt)
  @IsInt()
  @Min(RETENTION_RULES.closed_requests.minimum, {
    message: `must be at least ${RETENTION_RULES.closed_requests.minimum} (${RETENTION_RULES.closed_requests.citation})`,
  })
  @Max(1200)
  RETENTION_REQUEST_MONTHS = DEFAULT_RETENTION.requestMonths;

  /**
   * Years a disclosure-log entry keeps its recipient details before the purge blanks them. At
   * least 6: HIPAA §164.528 and §164.530(j) require the accounting of disclosures for 6 years.
   */
  @Transform(toInt)
  @IsInt()
  @Min(RETENTION_RULES.disclosure_log.minimum, {
    message: `must be at least ${RETENTION_RULES.disclosure_log.minimum} (${RETENTION_RULES.disclosure_log.citation})`,
  })
  @Max(100)
  RETENTION_DISCLOSURE_YEARS = DEFAULT_RETENTION.disclosureYears;

  /** Folder of the built console; served at `/`. */
  @IsOptional()
  @IsString()
  ADMIN_UI_DIST?: string;
}

export class AppConfig {
  readonly env: EnvironmentVariables;
  constructor(env: EnvironmentVariables) {
    this.env = env;
  }
  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }
  get databaseType(): 'sqlite' | 'postgres' {
    return this.env.DATABASE_URL.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  }
  get clockSettings(): ClockSettings {
    return {
      timeZone: this.env.BUSINESS_TIME_ZONE,
      holidays: this.env.BUSINESS_HOLIDAYS,
      dueSoonDays: 3,
      targetMarginBusinessDays: this.env.CLOCK_TARGET_MARGIN_BUSINESS_DAYS,
    };
  }
  get retention(): RetentionConfig {
    return {
      requestMonths: this.env.RETENTION_REQUEST_MONTHS,
      disclosureYears: this.env.RETENTION_DISCLOSURE_YEARS,
    };
  }
  /** Whether `/api/docs` is served at all. */
  get apiDocsEnabled(): boolean {
    return this.env.API_DOCS ?? !this.isProduction;
  }
  /** In production the documentation (when on) is for signed-in staff only. */
  get apiDocsNeedSignIn(): boolean {
    return this.isProduction;
  }
  get cookieSecure(): boolean {
    return this.env.COOKIE_SECURE ?? this.isProduction;
  }
}

export class ConfigError extends Error {}

const EVERY_ADDRESS = new Set(['0.0.0.0', '::', '[::]', 'localhost']);

/**
 * The default PUBLIC_BASE_URL: where this server listens. A HOST that means every address
 * (0.0.0.0, ::) or localhost becomes `localhost`; an IPv6 address is bracketed.
 */
export function defaultPublicBaseUrl(host: string, port: number): string {
  const name = EVERY_ADDRESS.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

const KNOWN_KEYS = Object.keys(new EnvironmentVariables());

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of [
    ...KNOWN_KEYS,
    'DATABASE_SCHEMA',
    'COOKIE_SECURE',
    'ADMIN_UI_DIST',
    'SMTP_URL',
    'API_DOCS',
    'PUBLIC_BASE_URL',
    'AUDIT_CHECKPOINT_FILE',
  ]) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const env = plainToInstance(EnvironmentVariables, raw);
  const problems = validateSync(env, { whitelist: true }).map(
    (error) => `${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`,
  );
  if (env.NODE_ENV === 'production' && env.SECRET_KEY === DEV_SECRET_KEY) {
    problems.push(
      `SECRET_KEY: must be set to a random secret of at least 32 characters in production; ${SECRET_KEY_ADVICE}`,
    );
  } else if (env.NODE_ENV === 'production' && typeof env.SECRET_KEY === 'string') {
    const problem = secretKeyProblem(env.SECRET_KEY);
    if (problem) problems.push(`SECRET_KEY: ${problem}`);
  }
  if (env.NODE_ENV === 'production' && raw.BUSINESS_TIME_ZONE === undefined) {
    problems.push(
      'BUSINESS_TIME_ZONE: must be set in production to the IANA zone the desk works in ' +
        '(such as America/New_York or Europe/Berlin; UTC only if the desk really keeps UTC): ' +
        'legal deadlines are counted in calendar days of this zone, and a US desk left on UTC ' +
        'turns evening requests into the next day',
    );
  }
  if (env.NODE_ENV === 'production' && env.ENABLE_DIAGNOSTICS) {
    problems.push('ENABLE_DIAGNOSTICS: must be off in production');
  }
  env.PUBLIC_BASE_URL ??= defaultPublicBaseUrl(env.HOST, env.PORT);
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return new AppConfig(env);
}
