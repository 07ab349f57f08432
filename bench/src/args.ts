import { join } from 'node:path';
import { REPO_ROOT } from './harness/paths.js';
import type { BenchOptions } from './types.js';

const USAGE = `npm run bench -- [--db sqlite|postgres] [--scale N] [--duration S] [--connections N]
                    [--only list,intake,...] [--cache-dir DIR] [--pg-url URL] [--results-dir DIR]`;

export function parseArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    db: 'sqlite',
    scale: 1_000_000,
    duration: 10,
    connections: 10,
    only: [],
    cacheDir: process.env.BENCH_CACHE_DIR ?? join(REPO_ROOT, 'bench', '.cache'),
    pgUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    resultsDir: join(REPO_ROOT, 'bench', 'results'),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    const positive = (raw: string) => {
      const n = Number(raw.replace(/_/g, ''));
      if (!Number.isInteger(n) || n <= 0)
        throw new Error(`${flag} must be a positive whole number`);
      return n;
    };
    switch (flag) {
      case '--db': {
        const db = value();
        if (db !== 'sqlite' && db !== 'postgres') throw new Error(`--db is sqlite or postgres`);
        options.db = db;
        break;
      }
      case '--scale':
        options.scale = positive(value());
        break;
      case '--duration':
        options.duration = positive(value());
        break;
      case '--connections':
        options.connections = positive(value());
        break;
      case '--only':
        options.only = value().split(',').filter(Boolean);
        break;
      case '--cache-dir':
        options.cacheDir = value();
        break;
      case '--pg-url':
        options.pgUrl = value();
        break;
      case '--results-dir':
        options.resultsDir = value();
        break;
      case '--help':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}
