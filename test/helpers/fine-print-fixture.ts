/**
 * RESPONSES.md's fine print as rows: hand-written nasty but valid values of every source (blank vs NULL, code-point
 * order, half-cent amounts, same-instant pairs, unmatched references, Feb 29 birthdays), as fixture sources for the
 * real ingestion pipeline. test/api/fine-print.test.ts works every expected figure out by hand from them.
 */
import { fixtureSource } from './fixture-source.ts';

/** D of every fine-print expectation. */
export const FINE_PRINT_AS_OF = '2025-03-15';

const mysql = fixtureSource('mysql', [
  {
    name: 'users', columns: { id: 'int64', role: 'string', state: 'string', city: 'string', email: 'string', phone: 'int32', created_at: 'timestamp' },
    rows: [
      [1, 'USER', 'LIMA', 'Lima', ' Ana@Mail.com', 911, '2025-03-10 10:00:00'],
      [2, 'USER', 'LIMA', 'LIMA', 'ana@mail.com ', 912, '2025-02-10 10:00:00'],
      [3, '', '', null, null, null, '2025-01-20 10:00:00'],
      [4, 'ADMIN', 'CUSCO', 'Cusco', '', 914, '2025-03-16 00:00:00'],
      [5, 'AGENT', 'CUSCO', 'Cusco', 'x@y.com', 915, '2024-02-29 12:00:00'],
      [6, null, 'CUSCO', 'Zeta', '  ', 916, '2025-02-01 00:00:00'],
      [7, 'USER', 'AREQUIPA', 'apple', 'dup@x.com', 917, '2025-03-15 23:59:59'],
      [8, 'USER', 'AREQUIPA', 'Ñandú', 'DUP@x.com', 918, '2024-12-31 23:59:59'],
    ],
  },
  {
    name: 'clients', columns: { user_id: 'int64', first_name: 'string', last_name: 'string', document_type: 'string', birth_date: 'date' },
    rows: [
      [1, 'Ana', 'Q', 'DNI', '2000-03-15'], [2, 'Bo', 'R', 'DNI', '2000-03-16'], [3, 'Cy', 'S', '', null],
      [7, 'Di', 'T', 'PASSPORT', '2000-02-29'], [8, 'Ed', 'U', null, '2026-01-01'], [99, 'Zz', 'V', 'DNI', '1960-03-15'],
    ],
  },
  { name: 'agents', columns: { code: 'string', first_name: 'string', last_name: 'string', is_active: 'boolean' }, rows: [['AG1', 'Uno', 'A', true], ['AG2', 'Dos', 'B', false], ['AG3', 'Tres', 'C', true]] },
]);

const postgres = fixtureSource('postgresql', [
  { name: 'product', columns: { code: 'string', name: 'string', product_type: 'string', base_premium: 'decimal(12,2)' }, rows: [['B-PROD', 'Beta', 'AUTO', '0.01'], ['A-PROD', 'Alfa', null, '0.02'], ['C-PROD', 'Gamma', '', null]] },
  {
    name: 'policy', columns: { id: 'int32', customer_id: 'int32', product_id: 'string', agent_id: 'string', status: 'string', premium: 'decimal(12,2)', sum_insured: 'decimal(14,2)' },
    rows: [
      [1, 1, 'A-PROD', 'AG1', 'ACTIVE', '100.00', '1000.00'], [2, 1, 'A-PROD', '', 'EXPIRED', '100.00', '1000.00'], [3, 2, 'B-PROD', 'AG2', 'ACTIVE', '50.00', '500.00'],
      [4, 7, 'B-PROD', 'AG2', 'CANCELLED', null, '500.00'], [5, 555, 'X-NONE', 'AG9', 'ACTIVE', '10.00', '100.00'], [6, 99, 'B-PROD', null, 'ACTIVE', '150.00', '1500.00'],
    ],
  },
  { name: 'policy_coverage', columns: { policy_id: 'int32', coverage_limit: 'decimal(14,2)', deductible: 'decimal(12,2)' }, rows: [[1, '1000.00', '10.00'], [1, '500.00', '5.00'], [3, '500.00', null], [77, '1.00', '1.00']] },
]);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cassandra = fixtureSource('cassandra', [
  {
    name: 'reclamos', columns: { cliente_id: 'int32', fecha: 'timestamptz', reclamo_id: 'uuid', poliza_id: 'int32', estado: 'string', monto: 'decimal_any' },
    rows: [
      [1, '2025-03-10T10:00:00Z', uuid(1), 1, 'Aprobado', '4999.995'], [1, '2025-03-14T10:00:00Z', uuid(2), 1, 'Rechazado', '-50'],
      [2, '2025-02-01T00:00:00Z', uuid(3), 3, 'Pendiente', null], [7, '2025-03-16T00:00:00Z', uuid(4), 4, 'Aprobado', '60000.5'],
      [2, '2024-01-05T00:00:00Z', uuid(5), null, '', '1000'], [99, '2025-03-15T23:00:00Z', uuid(6), 6, 'Aprobado', '0.005'],
    ],
  },
  {
    name: 'pagos', columns: { cliente_id: 'int32', fecha: 'timestamptz', pago_id: 'uuid', poliza_id: 'int32', monto: 'decimal_any', metodo: 'string', estado: 'string' },
    rows: [
      [1, '2025-03-10T10:00:00Z', uuid(11), 1, '100', 'Yape', 'Procesado'], [1, '2025-03-12T10:00:00Z', uuid(12), 1, '100', 'Tarjeta', 'Fallido'],
      [2, '2025-02-03T00:00:00Z', uuid(13), 3, '50', 'Tarjeta', 'Procesado'], [99, '2025-03-16T11:00:00Z', uuid(14), 6, '150', null, 'Procesado'],
      [1, '2025-03-20T10:00:00Z', uuid(15), 1, '0.5', 'Plin', 'Pendiente'],
    ],
  },
]);

export const FINE_PRINT_SOURCES = [mysql, postgres, cassandra];
