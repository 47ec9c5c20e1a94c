// The spec reader's shared helpers: problems placed at a key path of the YAML document (or at a
// character inside a string value, for expressions and commands), and the path check.
import { isAbsolute, posix } from 'node:path';
import type { ParsedYaml, Problem } from '../../yaml/yamlDocument';

export type Path = Array<string | number>;

export class SpecReader {
  readonly problems: Problem[] = [];

  constructor(
    private readonly parsed: ParsedYaml,
    private readonly text: string,
  ) {}

  problem(path: Path, message: string, severity: Problem['severity'] = 'error', preferKey = true): void {
    this.problems.push({ message, ...this.parsed.rangeOf(path, preferKey), severity, path });
  }

  /** A problem at `offset` characters into the string value at `path` (an expression, a command). */
  problemInside(path: Path, offset: number, message: string): void {
    const { start } = this.parsed.rangeOf(path);
    const line = this.text.split('\n')[start.line - 1] ?? '';
    const quoted = line[start.column - 1] === '"' || line[start.column - 1] === "'";
    const at = { line: start.line, column: start.column + offset + (quoted ? 1 : 0) };
    this.problems.push({ message, start: at, end: { line: at.line, column: at.column + 1 }, severity: 'error', path });
  }

  get failed(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }
}

/** Whether a path given relative to the project folder leaves it. */
export function isOutsideProject(value: string): boolean {
  const normal = posix.normalize(value.replace(/\\/g, '/'));
  return isAbsolute(value) || normal === '..' || normal.startsWith('../');
}
