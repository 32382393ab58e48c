/**
 * What one seeding run generates: the options, the row counts they imply, and the shared timeline. Scale 1 is the
 * original team's volumes (SOURCES.md); counts are linear in scale. Users come in blocks of 20 (15 clients,
 * 4 agent accounts, 1 other), so references between people resolve without storing any table.
 */
import { Timeline } from './calendar.ts';

export type Shape = 'consistent' | 'team';
export const SHAPES: readonly Shape[] = ['consistent', 'team'];
export const SOURCES = ['mysql', 'postgres', 'cassandra'] as const;
export type SeedSource = (typeof SOURCES)[number];

export interface SeedOptions {
  readonly scale: number;
  readonly seed: number;
  readonly shape: Shape;
  /** Exclusive end of the history (UTC midnight); default: today. Same seed + same `until` = same rows. */
  readonly until: number;
  /** The `team` shape stamps every MySQL created_at with the load time. */
  readonly loadTime: number;
}

export interface Plan extends SeedOptions {
  readonly blocks: number;
  readonly users: number;
  readonly clients: number;
  readonly agents: number;
  readonly mysqlBeneficiaries: number;
  readonly products: number;
  readonly policies: number;
  readonly claims: number;
  readonly payments: number;
  readonly audits: number;
  readonly timeline: Timeline;
}

/** Sign-ups grow 3× over a 4-year history. */
const HISTORY_YEARS = 4;
const GROWTH = 3;

export function makePlan(options: SeedOptions): Plan {
  const blocks = Math.max(1, Math.round(1000 * options.scale));
  return Object.freeze({
    ...options,
    blocks,
    users: 20 * blocks,
    clients: 15 * blocks,
    agents: 5 * blocks,
    mysqlBeneficiaries: 20 * blocks,
    products: 15,
    policies: 20 * blocks,
    claims: 12 * blocks,
    payments: 20 * blocks,
    audits: 20 * blocks,
    timeline: new Timeline(options.until, HISTORY_YEARS, GROWTH),
  });
}
