// Repeated and empty column names in a header row. DuckDB (and pandas) rename them without a
// word: a second "x1" becomes "x1_1" ("x1.1" in pandas), an empty name "column4" ("Unnamed: 4").
// DuckDB compares names trimmed and case-insensitively ("X1" and " x1" repeat "x1"), so this
// does too. Positions are 1-based, as people count columns.

export interface HeaderNameProblem {
  kind: 'duplicate' | 'empty';
  /** The name as the header writes it (the first spelling, for duplicates); '' when empty. */
  name: string;
  /** 1-based positions of the columns concerned (every column of a repeated name). */
  positions: number[];
  /** The names the columns were read as, when known (same order as positions). */
  readAs?: string[];
}

const key = (name: string) => name.trim().toLowerCase();

/** The problems of a header row, in column order; `loaded` are the names the reader gave the columns. */
export function headerNameProblems(header: readonly string[], loaded?: readonly string[]): HeaderNameProblem[] {
  const problems: Array<HeaderNameProblem & { first: number }> = [];
  const groups = new Map<string, number[]>();
  header.forEach((name, i) => {
    if (key(name) === '') {
      problems.push({ kind: 'empty', name: '', positions: [i + 1], first: i });
      return;
    }
    const list = groups.get(key(name));
    if (list) list.push(i + 1);
    else groups.set(key(name), [i + 1]);
  });
  for (const positions of groups.values()) {
    if (positions.length < 2) continue;
    problems.push({ kind: 'duplicate', name: header[positions[0] - 1], positions, first: positions[0] - 1 });
  }
  return problems
    .sort((a, b) => a.first - b.first)
    .map(({ first: _first, ...problem }) => {
      if (!loaded) return problem;
      return { ...problem, readAs: problem.positions.map((p) => loaded[p - 1] ?? '') };
    });
}

function list(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** One problem in words: 'columns 3 and 7 are both named "x1" (read as "x1" and "x1_1")'. */
export function describeHeaderProblem(problem: HeaderNameProblem, header?: readonly string[]): string {
  const readAs = problem.readAs ? ` (read as ${list(problem.readAs.map((n) => `"${n}"`))})` : '';
  if (problem.kind === 'empty') return `column ${problem.positions[0]} has no name${readAs}`;
  const all = problem.positions.length === 2 ? 'both' : 'all';
  const spellings = header ? [...new Set(problem.positions.map((p) => header[p - 1]))] : [problem.name];
  const named =
    spellings.length > 1
      ? `named "${problem.name.trim()}" when case and spaces are ignored (${spellings.map((s) => `"${s}"`).join(', ')})`
      : `named "${problem.name.trim()}"`;
  return `columns ${list(problem.positions.map(String))} are ${all} ${named}${readAs}`;
}

/** Every problem in one sentence fragment: 'columns 3 and 7 are both named "x1"; column 5 has no name'. */
export function describeHeaderProblems(problems: readonly HeaderNameProblem[], header?: readonly string[]): string {
  return problems.map((p) => describeHeaderProblem(p, header)).join('; ');
}
