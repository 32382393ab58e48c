/** The claims and payments service's Cassandra schema, exactly as SOURCES.md. */
export const cassandraKeyspace = (keyspace: string): string =>
  `CREATE KEYSPACE IF NOT EXISTS "${keyspace}" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`;

export const CASSANDRA_TABLES: Record<string, string> = {
  reclamos: `CREATE TABLE reclamos (
  cliente_id int,
  fecha timestamp,
  reclamo_id uuid,
  poliza_id int,
  estado text,
  monto decimal,
  descripcion text,
  PRIMARY KEY ((cliente_id), fecha, reclamo_id)
) WITH CLUSTERING ORDER BY (fecha DESC, reclamo_id ASC)`,
  pagos: `CREATE TABLE pagos (
  cliente_id int,
  fecha timestamp,
  pago_id uuid,
  poliza_id int,
  monto decimal,
  metodo text,
  estado text,
  PRIMARY KEY ((cliente_id), fecha, pago_id)
) WITH CLUSTERING ORDER BY (fecha DESC, pago_id ASC)`,
  transaction_audit: `CREATE TABLE transaction_audit (
  servicio text,
  fecha timestamp,
  audit_id uuid,
  operacion text,
  entidad text,
  referencia_id text,
  usuario_id int,
  detalle text,
  PRIMARY KEY ((servicio), fecha, audit_id)
) WITH CLUSTERING ORDER BY (fecha DESC, audit_id ASC)`,
};
