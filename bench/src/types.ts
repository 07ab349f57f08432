export type BenchDb = 'sqlite' | 'postgres';

export interface BenchOptions {
  db: BenchDb;
  /** Subjects, suppressions and disclosures; requests are half of it. */
  scale: number;
  /** Seconds of load per measured run (list, deep page, intake). */
  duration: number;
  connections: number;
  /** Scenario ids to run (all when empty). */
  only: string[];
  /** Where cached data sets live (default bench/.cache). */
  cacheDir: string;
  /** PostgreSQL server for `--db postgres` (a database per data set is made on it). */
  pgUrl: string;
  /** Where this run writes its results (default bench/results). */
  resultsDir: string;
}

export interface DemoAccount {
  email: string;
  password: string;
}

/** What the generator made, read by the scenarios. Stored beside the cached data set. */
export interface DatasetInfo {
  db: BenchDb;
  scale: number;
  /** Generator version: a change to the generator makes a new cache entry. */
  version: number;
  /** Rows per table as generated. */
  counts: Record<string, number>;
  /** Accounts of roles that sign in without MFA, signed in through the real login. */
  users: { staff: DemoAccount; manager: DemoAccount };
  /** Extra staff accounts for concurrent callers (claim). */
  staff: DemoAccount[];
  /** A raw intake API key (only its SHA-256 is in the database). */
  apiKey: string;
  /** Queued, unassigned requests that claim-next can take. */
  claimQueue: number;
  /** A CSV of `scale` addresses with a header line `email`, 10% of them suppressed. */
  scrubCsvPath: string;
  /** How many addresses of scrubCsvPath are on the suppression list. */
  scrubSuppressed: number;
  /**
   * The data set's "now" (ISO instant): every generated date is before it, and the open
   * requests' deadlines are computed from receipt dates within the 60 days before it.
   */
  asOf: string;
  /** Seconds the generation took (schema, accounts, rows, ANALYZE), on the machine that made it. */
  generationSeconds: number;
  /** PostgreSQL only: the cached database, the template of every working copy. */
  pgDatabase?: string;
}

/** A fresh working copy of a data set that a run may change. */
export interface WorkingDatabase {
  /** DATABASE_URL for the server. */
  url: string;
  /** Removes the copy. */
  drop(): Promise<void>;
}

export interface ScenarioRow {
  /** What was measured, e.g. "List: GET /api/requests". */
  scenario: string;
  status: 'ran' | 'not yet' | 'failed';
  /** The Privacy Desk figure, formatted ("1,234 req/s, p99 8.1 ms"). */
  privacyDesk: string;
  /** The baseline figure, formatted, or "—" when the scenario has none. */
  baseline: string;
  /** Privacy Desk over baseline, in the direction the goal reads; null without a baseline. */
  ratio: number | null;
  goal: string;
  met: boolean | null;
  /** Raw figures, for the results file. */
  metrics: Record<string, number>;
  /** Correctness counts the CI smoke run asserts (never times). */
  counts: Record<string, number>;
  notes: string[];
}

export interface BenchContext {
  options: BenchOptions;
  dataset: DatasetInfo;
  /** A working copy of the data set, made on first use and shared by the read-only scenarios. */
  sharedDatabase(): Promise<WorkingDatabase>;
  /** A fresh working copy, for a scenario that changes data. */
  freshDatabase(): Promise<WorkingDatabase>;
  log(message: string): void;
}

export interface Scenario {
  id: string;
  title: string;
  run(context: BenchContext): Promise<ScenarioRow[]>;
}
