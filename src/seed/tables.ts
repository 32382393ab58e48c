/**
 * Every seeded table: its source, columns (with the value kind loaders format), how many rows a plan gives and
 * the rows themselves, generated lazily over a range of generator indexes.
 */
import { auditRow, claimRow, paymentRow } from './events.ts';
import { agentRow, CLIENT_SLOTS, clientRow, mysqlBeneficiaryRow, slotOf, userRow } from './people.ts';
import type { Plan, SeedSource } from './plan.ts';
import { beneficiaryRows, coverageRows, policyRow, productRow } from './policies.ts';

/** Value kinds: instants are epoch milliseconds, DATEs a UTC midnight, DECIMALs exact strings. */
export type Kind = 'int' | 'text' | 'bool' | 'decimal' | 'date' | 'datetime' | 'timestamptz' | 'timestamp' | 'uuid';

export interface SeedTable {
  readonly source: SeedSource;
  readonly name: string;
  /** Name, generator kind, and the lake type its database column has (SOURCES.md), e.g. decimal(12,2). */
  readonly columns: readonly (readonly [name: string, kind: Kind, lakeType: string])[];
  /** A SERIAL id the database assigns (not generated): the demo numbers rows instead. */
  readonly serialId?: 'int32' | 'int64';
  /** Generator indexes run over [1, span]; one index yields zero or more rows. */
  span(plan: Plan): number;
  /** Exact row count when known before generating (null for tables with a variable number of rows per index). */
  expectedRows(plan: Plan): number | null;
  rows(plan: Plan, from: number, to: number): Iterable<unknown[]>;
}

function oneRowEach(row: (plan: Plan, index: number) => unknown[]) {
  return function* rows(plan: Plan, from: number, to: number): Iterable<unknown[]> {
    for (let i = from; i <= to; i++) yield row(plan, i);
  };
}

function manyRowsEach(rowsOf: (plan: Plan, index: number) => unknown[][]) {
  return function* rows(plan: Plan, from: number, to: number): Iterable<unknown[]> {
    for (let i = from; i <= to; i++) yield* rowsOf(plan, i);
  };
}

const DEFAULT_LAKE_TYPE: Record<Kind, string> = {
  int: 'int32', text: 'string', bool: 'boolean', decimal: 'decimal_any', date: 'date', datetime: 'timestamp', timestamptz: 'timestamptz', timestamp: 'timestamptz', uuid: 'uuid',
};

/** `name:kind[:lake type]`, comma separated. */
const cols = (spec: string): SeedTable['columns'] =>
  spec.split(/,(?![^(]*\))/).map((item) => {
    const [name, kind, lake] = item.trim().split(':') as [string, Kind, string | undefined];
    return [name, kind, lake ?? DEFAULT_LAKE_TYPE[kind]] as const;
  });

export const SEED_TABLES: readonly SeedTable[] = [
  {
    source: 'mysql', name: 'users',
    columns: cols('id:int:int64, username:text, email:text, password:text, role:text, phone:int, created_at:datetime, updated_at:datetime, street:text, city:text, state:text'),
    span: (plan) => plan.users, expectedRows: (plan) => plan.users, rows: oneRowEach(userRow),
  },
  {
    source: 'mysql', name: 'clients',
    columns: cols('user_id:int:int64, first_name:text, last_name:text, document_type:text, document_number:text, birth_date:date, created_at:datetime, updated_at:datetime'),
    span: (plan) => plan.users, expectedRows: (plan) => plan.clients,
    *rows(plan, from, to) {
      for (let u = from; u <= to; u++) if (slotOf(plan, u) < CLIENT_SLOTS) yield clientRow(plan, u);
    },
  },
  {
    source: 'mysql', name: 'agents',
    columns: cols('id:int:int64, code:text, first_name:text, last_name:text, is_active:bool, user_id:int:int64'),
    span: (plan) => plan.agents, expectedRows: (plan) => plan.agents, rows: oneRowEach(agentRow),
  },
  {
    source: 'mysql', name: 'beneficiaries',
    columns: cols('id:int:int64, client_id:int:int64, first_name:text, last_name:text, document_type:text, document_number:text, birth_date:date, relationship:text, created_at:datetime, updated_at:datetime'),
    span: (plan) => plan.mysqlBeneficiaries, expectedRows: (plan) => plan.mysqlBeneficiaries, rows: oneRowEach(mysqlBeneficiaryRow),
  },
  {
    source: 'postgres', name: 'product',
    columns: cols('id:int, code:text, name:text, description:text, product_type:text, base_premium:decimal:decimal(12,2)'),
    span: (plan) => plan.products, expectedRows: (plan) => plan.products, rows: oneRowEach((_plan, i) => productRow(i - 1)),
  },
  {
    source: 'postgres', name: 'policy',
    columns: cols('id:int, policy_number:text, customer_id:int, product_id:text, agent_id:text, start_date:date, end_date:date, sum_insured:decimal:decimal(14,2), premium:decimal:decimal(12,2), status:text, created_at:timestamptz'),
    span: (plan) => plan.policies, expectedRows: (plan) => plan.policies, rows: oneRowEach(policyRow),
  },
  {
    source: 'postgres', name: 'policy_coverage',
    columns: cols('policy_id:int, coverage_code:text, coverage_name:text, coverage_limit:decimal:decimal(14,2), deductible:decimal:decimal(12,2)'), serialId: 'int32',
    span: (plan) => plan.policies, expectedRows: () => null, rows: manyRowsEach(coverageRows),
  },
  {
    source: 'postgres', name: 'beneficiary',
    columns: cols('policy_id:int:int64, client_id:int:int64, full_name:text, relationship:text, percentage:decimal:decimal(5,2), contact_info:text'), serialId: 'int64',
    span: (plan) => plan.policies, expectedRows: () => null, rows: manyRowsEach(beneficiaryRows),
  },
  {
    source: 'cassandra', name: 'reclamos',
    columns: cols('cliente_id:int, fecha:timestamp, reclamo_id:uuid, poliza_id:int, estado:text, monto:decimal, descripcion:text'),
    span: (plan) => plan.claims, expectedRows: (plan) => plan.claims, rows: oneRowEach((plan, i) => claimRow(plan, i - 1)),
  },
  {
    source: 'cassandra', name: 'pagos',
    columns: cols('cliente_id:int, fecha:timestamp, pago_id:uuid, poliza_id:int, monto:decimal, metodo:text, estado:text'),
    span: (plan) => plan.payments, expectedRows: (plan) => plan.payments, rows: oneRowEach((plan, i) => paymentRow(plan, i - 1)),
  },
  {
    source: 'cassandra', name: 'transaction_audit',
    columns: cols('servicio:text, fecha:timestamp, audit_id:uuid, operacion:text, entidad:text, referencia_id:text, usuario_id:int, detalle:text'),
    span: (plan) => plan.audits, expectedRows: (plan) => plan.audits, rows: oneRowEach((plan, i) => auditRow(plan, i - 1)),
  },
];

export function tablesOf(source: SeedSource): SeedTable[] {
  return SEED_TABLES.filter((t) => t.source === source);
}
