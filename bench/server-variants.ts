/**
 * Which versions of our server the capacity comparison (section 1) runs, from --store and
 * --processes: on SQLite, on PostgreSQL, and N processes sharing one PostgreSQL database.
 */
import type { BenchOptions } from './options.js';

export interface OursVariant {
  /** Key in the JSON figures and in the medians; 'ours' is the single process on SQLite, as before. */
  key: string;
  /** Column and row label in the tables. */
  label: string;
  store: 'sqlite' | 'postgres';
  processes: number;
}

export function oursVariants(o: Pick<BenchOptions, 'store' | 'processes'>): OursVariant[] {
  const both = o.store === 'both';
  const variants: OursVariant[] = [];
  if (o.store !== 'postgres')
    variants.push({ key: 'ours', label: both ? 'ours SQLite' : 'ours', store: 'sqlite', processes: 1 });
  if (o.store !== 'sqlite') {
    // With --store both the single process on PostgreSQL stays beside SQLite; N processes come on top.
    if (both || o.processes === 1)
      variants.push({ key: 'oursPostgres', label: 'ours PG', store: 'postgres', processes: 1 });
    if (o.processes > 1)
      variants.push({
        key: `oursPostgresX${o.processes}`,
        label: `ours PG x${o.processes}`,
        store: 'postgres',
        processes: o.processes,
      });
  }
  return variants;
}
