/** The policies service's PostgreSQL schema, exactly as SOURCES.md (singular table names). */
export const POSTGRES_TABLES: Record<string, string> = {
  product: `CREATE TABLE product (
  id SERIAL PRIMARY KEY,
  code VARCHAR(50) NOT NULL UNIQUE,
  name VARCHAR(255) NOT NULL,
  description TEXT NULL,
  product_type VARCHAR(50) NULL,
  base_premium NUMERIC(12,2) NULL
)`,
  policy: `CREATE TABLE policy (
  id SERIAL PRIMARY KEY,
  policy_number VARCHAR(100) NOT NULL UNIQUE,
  customer_id INTEGER NOT NULL,
  product_id VARCHAR(50) NOT NULL,
  agent_id VARCHAR(50) NULL,
  start_date DATE NULL,
  end_date DATE NULL,
  sum_insured NUMERIC(14,2) NULL,
  premium NUMERIC(12,2) NULL,
  status VARCHAR(50) NULL,
  created_at TIMESTAMPTZ NULL
)`,
  policy_coverage: `CREATE TABLE policy_coverage (
  id SERIAL PRIMARY KEY,
  policy_id INTEGER NOT NULL,
  coverage_code VARCHAR(100) NOT NULL,
  coverage_name VARCHAR(255) NOT NULL,
  coverage_limit NUMERIC(14,2) NOT NULL,
  deductible NUMERIC(12,2) NOT NULL
)`,
  beneficiary: `CREATE TABLE beneficiary (
  id BIGSERIAL PRIMARY KEY,
  policy_id BIGINT NOT NULL,
  client_id BIGINT NOT NULL,
  full_name VARCHAR(255) NOT NULL,
  relationship VARCHAR(50) NOT NULL,
  percentage NUMERIC(5,2) NULL,
  contact_info TEXT NULL
)`,
};

/** Added after the bulk load (faster, and validated over every row when added). */
export const POSTGRES_FOREIGN_KEYS: readonly string[] = [
  'ALTER TABLE policy ADD CONSTRAINT fk_policy_product FOREIGN KEY (product_id) REFERENCES product (code)',
  'ALTER TABLE policy_coverage ADD CONSTRAINT fk_policy_coverage_policy FOREIGN KEY (policy_id) REFERENCES policy (id)',
  'ALTER TABLE beneficiary ADD CONSTRAINT fk_beneficiary_policy FOREIGN KEY (policy_id) REFERENCES policy (id)',
];
