/** The `primac` command line (design/CLI.md). Each command is a thin layer over the modules the API uses too. */
import { Command, CommanderError } from 'commander';
import { isPrimacError } from '../core/errors.ts';
import { dropOutputOnClosedPipe } from './closed-pipe.ts';
import { exitWhenDone } from './exit-when-done.ts';
import { registerDoctor } from './commands/doctor.ts';
import { registerIngest } from './commands/ingest.ts';
import { registerSeed } from './commands/seed.ts';
import { registerServe } from './commands/serve.ts';
import { registerServices } from './commands/services.ts';

export function buildProgram(): Command {
  const program = new Command('primac')
    .description('Primac Analytics: ingest the MySQL, PostgreSQL and Cassandra sources into a data lake and serve analytics over it.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .hook('postAction', (_program, command) => { if (command.name() !== 'serve') exitWhenDone(); });
  registerServices(program);
  registerSeed(program);
  registerIngest(program);
  registerServe(program);
  registerDoctor(program);
  return program;
}

/** Prints what went wrong and what to check; a stack trace only with PRIMAC_DEBUG=1. */
export function reportFailure(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  const debug = process.env.PRIMAC_DEBUG === '1';
  if (isPrimacError(error)) {
    process.stderr.write(`primac: ${error.message}\n`);
  } else if (error instanceof AggregateError) {
    process.stderr.write(`primac: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`primac: unexpected error: ${message}\n(set PRIMAC_DEBUG=1 for details)\n`);
  }
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}

export async function main(argv: readonly string[]): Promise<void> {
  dropOutputOnClosedPipe(process.stdout);
  dropOutputOnClosedPipe(process.stderr);
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    process.exitCode = reportFailure(error);
    exitWhenDone();
  }
}
