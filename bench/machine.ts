/** What the figures were measured on: printed with them, since they mean little without it. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  memoryGb: number;
  /** Filesystem type of the temp directory holding the SQLite files (tmpfs would hide fsync cost). */
  tempFs: string;
  loadAverage: number[];
  /** The commit measured, and how many files differ from it (others may be editing the tree). */
  commit: string;
  changedFiles: number;
}

/** Read-only git queries (no index refresh); the tree measured matters as much as the machine. */
function gitState(): { commit: string; changedFiles: number } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['--no-optional-locks', 'status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    });
    return { commit, changedFiles: status.split('\n').filter((l) => l.trim() !== '').length };
  } catch {
    return { commit: 'unknown', changedFiles: 0 };
  }
}

/** The filesystem type of the longest mount point containing `dir`, from /proc/mounts. */
function filesystemOf(dir: string): string {
  try {
    const mounts = fs
      .readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((f) => f.length > 2 && (dir === f[1] || dir.startsWith(`${f[1] === '/' ? '' : f[1]}/`)));
    mounts.sort((a, b) => (b[1]?.length ?? 0) - (a[1]?.length ?? 0));
    return mounts[0]?.[2] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux; os.cpus() is good enough
  }
  return {
    cpus: os.availableParallelism(),
    cpuModel,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    tempFs: filesystemOf(fs.realpathSync(os.tmpdir())),
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    ...gitState(),
  };
}
