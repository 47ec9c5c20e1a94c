// Regenerates the example projects' data from the vega-datasets npm package, so the provenance
// of every committed row is reproducible: `node scripts/make-examples.mjs`.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom as random } from './seededRandom.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = (name) => JSON.parse(readFileSync(join(root, 'node_modules/vega-datasets/data', name), 'utf8'));

function shuffled(rows, seed) {
  const next = random(seed);
  const copy = rows.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function csvCell(value) {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(path, rows) {
  const columns = Object.keys(rows[0]);
  const lines = [columns.map(csvCell).join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, lines.join('\n') + '\n');
  console.log(`${path.slice(root.length)}: ${rows.length} rows`);
}

// Penguins: species from body measurements; a seeded 70 / 15 / 15 split into train, holdout and
// a "current" batch standing in for recent production data.
const penguins = shuffled(source('penguins.json'), 20261126);
const a = Math.round(penguins.length * 0.7);
const b = Math.round(penguins.length * 0.85);
writeCsv(join(root, 'examples/penguins/data/train.csv'), penguins.slice(0, a));
writeCsv(join(root, 'examples/penguins/data/holdout.csv'), penguins.slice(a, b));
writeCsv(join(root, 'examples/penguins/data/current.csv'), penguins.slice(b));

// Cars: miles per gallon from engine and body figures. Models up to 1979 are the training era
// (with a seeded 20% holdout); 1980-82 models are the "current" data, which really drifted.
const cars = source('cars.json').map((c) => ({ ...c, Year: Number(c.Year.slice(0, 4)) }));
const past = shuffled(
  cars.filter((c) => c.Year < 1980),
  406,
);
const cut = Math.round(past.length * 0.8);
writeCsv(join(root, 'examples/cars/data/train.csv'), past.slice(0, cut));
writeCsv(join(root, 'examples/cars/data/holdout.csv'), past.slice(cut));
writeCsv(
  join(root, 'examples/cars/data/current.csv'),
  cars.filter((c) => c.Year >= 1980),
);
