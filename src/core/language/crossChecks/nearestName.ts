// "Did you mean ...?": the known name closest to one the user typed, by edit distance (with
// transpositions, case ignored), only when it is close enough to be a plausible typo.

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2][j - 2] + 1);
      d[i][j] = best;
    }
  }
  return d[rows - 1][cols - 1];
}

/** Letters and digits only, lower case: "Body Mass (g)" and "body_mass_g" look alike. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The candidate closest to `name`, or undefined when none is a plausible typo of it (more than
 * about a third of its characters would have to change).
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  const target = name.toLowerCase();
  const squashed = squash(name);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === name) return candidate;
    const lower = candidate.toLowerCase();
    // Same letters apart from case or punctuation: as good as it gets.
    const score =
      lower === target || (squashed !== '' && squash(candidate) === squashed) ? 0 : editDistance(target, lower);
    const allowed = Math.max(2, Math.floor(Math.max(target.length, lower.length) / 3));
    if (score <= allowed && score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
