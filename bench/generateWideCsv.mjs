// Writes a wide synthetic CSV (`columns` columns × `rows` rows) for the wide-data benchmark and
// tests: numeric columns (some correlated with an earlier one, some with missing values, some
// whole numbers), categorical columns of 2–8 categories (some with gaps) and a few free-text
// ones, from a seeded PRNG so every run writes the same bytes.
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../scripts/seededRandom.mjs';

const CATEGORIES = ['red', 'green', 'blue', 'amber', 'violet', 'teal', 'grey', 'pink'];

/** Column kinds by position: 6 of every 10 numeric, 3 categorical, 1 text. */
export function wideColumnKind(c) {
  const k = c % 10;
  if (k < 6) return 'numeric';
  if (k < 9) return 'categorical';
  return 'text';
}

export function wideCsvText(columns, rows, seed = 7) {
  const random = seededRandom(seed);
  const normal = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const spec = Array.from({ length: columns }, (_, c) => ({
    kind: wideColumnKind(c),
    missing: random() < 0.3 ? 0.02 + 0.2 * random() : 0,
    scale: 1 + Math.floor(random() * 100),
    whole: random() < 0.3,
    categories: 2 + Math.floor(random() * 7),
    partner: c >= 10 && random() < 0.4 ? c - 10 : -1,
  }));
  const header = spec.map((_, c) => `c${c}`).join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) {
    const raw = new Array(columns);
    const cells = new Array(columns);
    for (let c = 0; c < columns; c++) {
      const s = spec[c];
      let x = normal();
      if (s.partner >= 0 && spec[s.partner].kind === s.kind && s.kind === 'numeric') x = 0.8 * raw[s.partner] + 0.6 * x;
      raw[c] = x;
      if (s.missing > 0 && random() < s.missing) {
        cells[c] = '';
        continue;
      }
      if (s.kind === 'numeric') cells[c] = s.whole ? String(Math.round(x * s.scale)) : (x * s.scale).toFixed(4);
      else if (s.kind === 'categorical')
        cells[c] = CATEGORIES[Math.min(s.categories - 1, Math.floor(random() * s.categories))];
      else cells[c] = `note ${Math.floor(random() * 1e6)}`;
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

export function writeWideCsv(path, columns, rows, seed = 7) {
  writeFileSync(path, wideCsvText(columns, rows, seed));
}
