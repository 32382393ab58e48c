/** Programs the tests use that are not servers: installed from Debian, never started (port 0). */
import { existsSync } from 'node:fs';
import type { LocalService } from './service.ts';

function program(name: string, binary: string, pkg: string, description: string): LocalService {
  return {
    name, description,
    port: () => 0,
    missingPackages: async () => (existsSync(binary) ? [] : [pkg]),
    prepare: async () => {},
    start: async () => {},
    stop: async () => {},
    probe: async () => existsSync(binary),
    where: () => binary,
    pid: () => null,
  };
}

export const chromiumService = program('chromium', '/usr/bin/chromium', 'chromium', 'headless Chromium (browser tests of the dashboard)');
export const composeService = program('compose', '/usr/bin/docker-compose', 'docker-compose', 'docker-compose (validates the Compose files; no Docker engine needed)');
