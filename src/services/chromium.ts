/** Headless Chromium from Debian, for the dashboard's browser test (a program, not a server: installed, not started). */
import { existsSync } from 'node:fs';
import type { LocalService } from './service.ts';

const BINARY = '/usr/bin/chromium';

export const chromiumService: LocalService = {
  name: 'chromium',
  description: 'headless Chromium (browser tests of the dashboard)',
  port: () => 0,
  missingPackages: async () => (existsSync(BINARY) ? [] : ['chromium']),
  prepare: async () => {},
  start: async () => {},
  stop: async () => {},
  probe: async () => existsSync(BINARY),
  where: () => BINARY,
  pid: () => null,
};
