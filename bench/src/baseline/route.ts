import type { BaselineDb } from './db.js';

export interface BaselineAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** One route of the baseline server: the scenario's SQL through the bare driver. */
export type BaselineRoute = (db: BaselineDb, url: URL, body: string) => Promise<BaselineAnswer>;
