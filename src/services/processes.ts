/** Child processes for the local servers: run-to-completion commands, detached daemons, pid files. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrimacError } from '../core/errors.ts';

export interface RunResult { readonly code: number; readonly stdout: string; readonly stderr: string }

/** Runs a command to completion; rejects with its last output lines when it fails. */
export async function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; allowFailure?: boolean } = {},
): Promise<RunResult> {
  const result = await new Promise<RunResult>((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
  if (result.code !== 0 && !options.allowFailure) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-8).join('\n');
    throw new PrimacError('SERVICE_START_FAILED', `\`${command} ${args.slice(0, 3).join(' ')}…\` exited with ${result.code}:\n${tail}`);
  }
  return result;
}

/** Starts a long-running server detached from this process, its output appended to `logFile`. */
export function spawnDetached(
  command: string,
  args: readonly string[],
  options: { logFile: string; pidFile?: string; cwd?: string; env?: NodeJS.ProcessEnv },
): number {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    child.unref();
    if (child.pid === undefined) throw new PrimacError('SERVICE_START_FAILED', `Could not start ${command}: is it installed?`);
    if (options.pidFile) writePid(options.pidFile, child.pid);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

export function readPid(pidFile: string): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The pid in a pid file when that process is alive, else null. */
export function livePid(pidFile: string): number | null {
  const pid = readPid(pidFile);
  return isAlive(pid) ? pid : null;
}

export function writePid(pidFile: string, pid: number): void {
  mkdirSync(dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${pid}\n`);
}

export function isAlive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls `check` until it is true; throws SERVICE_NOT_READY naming `what` and the log to read. */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  options: { timeoutMs: number; logFile?: string; alive?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (options.alive && !options.alive()) {
      throw new PrimacError('SERVICE_START_FAILED', `${what} exited during start-up.${logHint(options.logFile)}`);
    }
    await sleep(250);
  }
  throw new PrimacError('SERVICE_NOT_READY', `${what} did not answer within ${Math.round(options.timeoutMs / 1000)} s.${logHint(options.logFile)}`);
}

function logHint(logFile: string | undefined): string {
  if (!logFile || !existsSync(logFile)) return '';
  const tail = readFileSync(logFile, 'utf8').trim().split('\n').slice(-6).join('\n');
  return ` See ${logFile}; its last lines:\n${tail}`;
}

/** SIGTERM, then SIGKILL after `graceMs`; removes the pid file. */
export async function terminate(pidFile: string, graceMs: number): Promise<boolean> {
  const pid = readPid(pidFile);
  if (!isAlive(pid) || pid === null) {
    rmSync(pidFile, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(pidFile, { force: true });
  return true;
}
