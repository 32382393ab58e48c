/** A source's bulk loader: recreate the schema, load every table (bounded memory), then constraints. */
import type { Plan, SeedSource } from '../plan.ts';

export interface LoadedTable { readonly table: string; readonly rows: number }

export interface TableLoader<C> {
  readonly source: SeedSource;
  recreateSchema(config: C): Promise<void>;
  load(config: C, plan: Plan, onRows: (table: string, rows: number) => void): Promise<LoadedTable[]>;
  /** Foreign keys, sequences and statistics, once every table is loaded. */
  finish(config: C): Promise<void>;
}
