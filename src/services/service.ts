/**
 * A local server of `primac services` (development and tests): installed from Debian, Maven Central or PyPI,
 * started as a plain process on loopback, ready only when it answers its protocol.
 */
import type { Config } from '../config/config.ts';

export interface ServiceContext {
  readonly config: Config;
  /** Data, logs and pid files: `<root>/<service>/…` (an ignored folder of the project). */
  readonly root: string;
  /** Downloads reused across clones on one machine (Maven jars, Python venvs). */
  readonly cache: string;
  readonly isRoot: boolean;
  readonly log: (message: string) => void;
}

export interface ServiceStatus {
  readonly name: string;
  /** Programs that are not servers (port 0) are 'installed' or 'missing'. */
  readonly state: 'running' | 'stopped' | 'starting' | 'installed' | 'missing';
  readonly port: number;
  readonly pid: number | null;
  readonly detail: string;
}

export interface LocalService {
  readonly name: string;
  readonly description: string;
  port(ctx: ServiceContext): number;
  /** Debian packages this service needs that are not installed yet. */
  missingPackages(ctx: ServiceContext): Promise<string[]>;
  /** Downloads and one-time set-up outside Debian (idempotent, cached). */
  prepare(ctx: ServiceContext): Promise<void>;
  /** Starts the server and waits until it answers; a no-op when it already does. */
  start(ctx: ServiceContext): Promise<void>;
  stop(ctx: ServiceContext): Promise<void>;
  /** True when the server answers its protocol on its port. */
  probe(ctx: ServiceContext): Promise<boolean>;
  /** Where its data and log live, for `status`. */
  where(ctx: ServiceContext): string;
  /** The pid of the server this project started, when it is alive. */
  pid(ctx: ServiceContext): number | null;
}
