// Files a training run writes: run ids, atomic writes (temp file + rename, so a reader or a
// crash never sees half a file), and a CSV writer for predictions and the external trainer's
// inputs. Numbers are written in JavaScript's shortest round-trip form, so a reader parses back
// exactly the same doubles.
import { readFileSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, type AtomicWriteOptions } from '../../atomicWrite';
import type { Frame } from '../frame';

/** A sortable, file-name-safe run id from the clock: 2026-11-26T09-30-00-123Z. */
export function newRunId(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Only ids that are safe as one path segment (no separators, no "..", no leading dot). */
export function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.=+-]*$/.test(name) && !name.includes('..');
}

/** The temporary folder a run builds in before it is renamed into place; named with the owner's pid. */
export function partialRunDir(runsDir: string, runId: string, pid = process.pid): string {
  return join(runsDir, `.${runId}.partial-${pid}`);
}

/** Whether process `pid` is running (a zombie, already exited, counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * Removes the temporary folders of runs whose process is gone (killed, crashed, out of power);
 * a folder of a live process, this one included, may be a run in progress and stays. Returns
 * the names removed.
 */
export async function removeStalePartials(runsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(runsDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = /^\..+\.partial-(\d+)$/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    await rm(join(runsDir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes text through a temporary sibling file and a rename (see atomicWrite.ts); creates the folder unless told not to. */
export function writeTextAtomic(path: string, text: string, options: AtomicWriteOptions = {}): Promise<void> {
  return writeFileAtomic(path, text, { createFolder: true, ...options });
}

export function writeJsonAtomic(path: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  return writeTextAtomic(path, JSON.stringify(value, null, 2) + '\n', options);
}

/** One CSV field: quoted only when it has to be (delimiter, quote, line break, edge spaces). */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** CSV text of named columns of equal length (numbers: NaN → empty; strings: null → empty). */
export function formatCsv(
  columns: Array<{ name: string; values: ArrayLike<number> | ArrayLike<string | null> }>,
): string {
  const rows = columns.length === 0 ? 0 : columns[0].values.length;
  const parts: string[] = [columns.map((c) => csvField(c.name)).join(',')];
  for (let i = 0; i < rows; i++) {
    let line = '';
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) line += ',';
      line += csvField(columns[j].values[i]);
    }
    parts.push(line);
  }
  return parts.join('\n') + '\n';
}

/** A frame as CSV, with extra columns appended (e.g. the decoded target). */
export function frameToCsv(
  frame: Frame,
  extra: Array<{ name: string; values: ArrayLike<number> | ArrayLike<string | null> }> = [],
): string {
  return formatCsv([...frame.columns.map((c) => ({ name: c.name, values: c.values })), ...extra]);
}
