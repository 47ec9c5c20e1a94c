// Independent reference implementations of the profile's statistics, written the textbook way
// on plain arrays (no DuckDB, no code shared with src/core/profile), to check the engine's
// figures against: pandas' definitions throughout.

export type Cell = number | string | boolean | null;
export type Row = Record<string, Cell>;

export function present(values: Cell[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

export function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Sample standard deviation (ddof 1). */
export function std(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/** Linear interpolation between closest ranks (NumPy's default, pandas' quantile). */
export function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Adjusted Fisher-Pearson skewness: g1 · √(n(n-1)) / (n-2), g1 = m3 / m2^1.5 with population moments. */
export function skew(xs: number[]): number {
  const n = xs.length;
  const m = mean(xs);
  const m2 = xs.reduce((a, x) => a + (x - m) ** 2, 0) / n;
  const m3 = xs.reduce((a, x) => a + (x - m) ** 3, 0) / n;
  return (m3 / m2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
}

/** Excess kurtosis, unbiased (pandas): ((n+1)·g2 + 6) · (n-1) / ((n-2)(n-3)), g2 = m4/m2² - 3. */
export function kurt(xs: number[]): number {
  const n = xs.length;
  const m = mean(xs);
  const m2 = xs.reduce((a, x) => a + (x - m) ** 2, 0) / n;
  const m4 = xs.reduce((a, x) => a + (x - m) ** 4, 0) / n;
  const g2 = m4 / (m2 * m2) - 3;
  return (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

export function mad(xs: number[]): number {
  const m = median(xs);
  return median(xs.map((x) => Math.abs(x - m)));
}

export function distinct(values: Cell[]): number {
  return new Set(values.filter((v) => v !== null).map((v) => String(v))).size;
}

export function pearson(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Average ranks (1-based; ties share the mean of their positions), as scipy.stats.rankdata. */
export function averageRanks(xs: number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k][1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Rows where both cells are finite numbers (pandas' pairwise-complete observations). */
export function pairwise(a: Cell[], b: Cell[]): [number[], number[]] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  return [xs, ys];
}

export function spearman(a: Cell[], b: Cell[]): number {
  const [xs, ys] = pairwise(a, b);
  return pearson(averageRanks(xs), averageRanks(ys));
}

/** Cramér's V (no continuity correction) over the rows where both are present. */
export function cramersV(a: Cell[], b: Cell[]): number {
  const table = new Map<string, Map<string, number>>();
  const cols = new Set<string>();
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === null || b[i] === null) continue;
    const r = String(a[i]);
    const c = String(b[i]);
    cols.add(c);
    const row = table.get(r) ?? new Map<string, number>();
    row.set(c, (row.get(c) ?? 0) + 1);
    table.set(r, row);
    n++;
  }
  const rowTotals = new Map([...table].map(([r, m]) => [r, [...m.values()].reduce((x, y) => x + y, 0)]));
  const colTotals = new Map([...cols].map((c) => [c, [...table.values()].reduce((x, m) => x + (m.get(c) ?? 0), 0)]));
  let chi2 = 0;
  for (const [r, rt] of rowTotals) {
    for (const [c, ct] of colTotals) {
      const expected = (rt * ct) / n;
      chi2 += ((table.get(r)?.get(c) ?? 0) - expected) ** 2 / expected;
    }
  }
  return Math.sqrt(chi2 / (n * (Math.min(rowTotals.size, colTotals.size) - 1)));
}

/** Correlation ratio η of numeric `values` across `categories` (rows where both present). */
export function correlationRatio(categories: Cell[], values: Cell[]): number {
  const groups = new Map<string, number[]>();
  const all: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (categories[i] === null || typeof v !== 'number' || !Number.isFinite(v)) continue;
    const key = String(categories[i]);
    groups.set(key, [...(groups.get(key) ?? []), v]);
    all.push(v);
  }
  const m = mean(all);
  const between = [...groups.values()].reduce((a, g) => a + g.length * (mean(g) - m) ** 2, 0);
  const total = all.reduce((a, x) => a + (x - m) ** 2, 0);
  return Math.sqrt(between / total);
}

/**
 * 30 equal bins (fewer with fewer distinct values), as numpy.histogram: edges min + i·step
 * (numpy.linspace), x in bin i when edges[i] ≤ x < edges[i+1], the last bin closed.
 */
export function histogramCounts(xs: number[]): number[] {
  const bins = Math.min(30, new Set(xs).size);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  const step = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * step));
  const counts = new Array<number>(bins).fill(0);
  for (const x of xs) {
    let bin = 0;
    while (bin < bins - 1 && x >= edges[bin + 1]) bin++;
    counts[bin]++;
  }
  return counts;
}

/** Parses a simple CSV (no quoted fields), empty cells as null, numbers as numbers. */
export function parseSimpleCsv(text: string): Row[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(
      names.map((name, i) => {
        const raw = cells[i] ?? '';
        if (raw === '' || raw === 'NA') return [name, null];
        const number = Number(raw);
        return [name, raw.trim() !== '' && Number.isFinite(number) ? number : raw];
      }),
    );
  });
}

export function columnOf(rows: Row[], name: string): Cell[] {
  return rows.map((row) => (row[name] === undefined ? null : row[name]));
}

/** |actual - expected| ≤ 1e-9 · |expected| (plus 1e-12, for figures that are exactly 0). */
export function close(actual: number | null | undefined, expected: number, tolerance = 1e-9): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) <= tolerance * Math.abs(expected) + 1e-12;
}
