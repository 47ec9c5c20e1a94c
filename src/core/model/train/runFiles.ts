// Files a training run writes: run ids, atomic writes (temp file + rename, so a reader or a
// crash never sees half a file), and a CSV writer for predictions and the external trainer's
// inputs. Numbers are written in JavaScript's shortest round-trip form, so a reader parses back
// exactly the same doubles.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Frame } from '../frame';

/** A sortable, file-name-safe run id from the clock: 2026-11-26T09-30-00-123Z. */
export function newRunId(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Only ids that are safe as one path segment (no separators, no "..", no leading dot). */
export function isSafeName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.=+-]*$/.test(name) && !name.includes('..');
}

/** Writes text through a temporary sibling file and a rename. */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  return writeTextAtomic(path, JSON.stringify(value, null, 2) + '\n');
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
