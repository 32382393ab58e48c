import type { Command } from 'commander';
export function registerSeed(_program: Command): void {}
