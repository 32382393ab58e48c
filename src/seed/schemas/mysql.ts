/** The users service's MySQL schema, exactly as SOURCES.md (the raw DDL the team's database runs). */
import { STATES } from '../vocabulary/peru.ts';

const states = STATES.map((s) => `'${s}'`).join(',');

/** Tables in creation order; foreign keys are added after the load (see MYSQL_FOREIGN_KEYS). */
export const MYSQL_TABLES: Record<string, string> = {
  users: `CREATE TABLE users (
  id BIGINT NOT NULL AUTO_INCREMENT,
  username VARCHAR(100) NOT NULL,
  email VARCHAR(150) NOT NULL,
  password VARCHAR(255) NOT NULL,
  role ENUM('ADMIN','USER','AGENT') NULL,
  phone INT NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  street VARCHAR(255) NOT NULL,
  city VARCHAR(100) NOT NULL,
  state ENUM(${states}) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_email (email),
  UNIQUE KEY uk_users_phone (phone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  clients: `CREATE TABLE clients (
  user_id BIGINT NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  document_type VARCHAR(50) NOT NULL,
  document_number VARCHAR(50) NOT NULL,
  birth_date DATE NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  agents: `CREATE TABLE agents (
  id BIGINT NOT NULL AUTO_INCREMENT,
  code VARCHAR(50) NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  is_active BOOLEAN NOT NULL,
  user_id BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_agents_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  beneficiaries: `CREATE TABLE beneficiaries (
  id BIGINT NOT NULL AUTO_INCREMENT,
  client_id BIGINT NOT NULL,
  first_name VARCHAR(100) NOT NULL,
  last_name VARCHAR(100) NOT NULL,
  document_type VARCHAR(50) NOT NULL,
  document_number VARCHAR(50) NOT NULL,
  birth_date DATE NOT NULL,
  relationship VARCHAR(50) NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_beneficiaries_document_number (document_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
};

export const MYSQL_FOREIGN_KEYS: readonly string[] = [
  'ALTER TABLE clients ADD CONSTRAINT fk_clients_user FOREIGN KEY (user_id) REFERENCES users (id)',
  'ALTER TABLE agents ADD CONSTRAINT fk_agents_user FOREIGN KEY (user_id) REFERENCES users (id)',
  'ALTER TABLE beneficiaries ADD CONSTRAINT fk_beneficiaries_client FOREIGN KEY (client_id) REFERENCES clients (user_id)',
];
