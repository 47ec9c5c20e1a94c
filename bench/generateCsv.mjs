// Writes the benchmark's synthetic dataset: a CSV of `rows` rows × 12 columns with numeric,
// categorical, boolean, date and free-text columns and missing values, from a seeded PRNG so
// every run profiles the same bytes. Written through a temp file + rename.
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { once } from 'node:events';
import { seededRandom as prng } from '../scripts/seededRandom.mjs';

export const BENCH_COLUMNS = [
  'id',
  'age',
  'income',
  'score',
  'balance',
  'visits',
  'city',
  'segment',
  'churned',
  'signup_date',
  'rating',
  'comment',
];

const SEGMENTS = ['consumer', 'small business', 'enterprise', 'public sector', 'student'];
const WORDS = [
  'late',
  'delivery',
  'great',
  'service',
  'price',
  'too',
  'high',
  'support',
  'helpful',
  'app',
  'crashes',
  'often',
  'love',
  'it',
  'refund',
  'slow',
  'fast',
  'friendly',
  'never',
  'again',
];

export async function generateBenchCsv(path, rows, seed = 42) {
  const random = prng(seed);
  const normal = () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const temp = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  out.write(BENCH_COLUMNS.join(',') + '\n');
  const start = Date.UTC(2015, 0, 1);
  const day = 86_400_000;
  let buffer = '';
  for (let i = 1; i <= rows; i++) {
    const age = random() < 0.02 ? '' : String(Math.max(18, Math.min(90, Math.round(45 + 14 * normal()))));
    const income = random() < 0.05 ? '' : Math.exp(10.5 + 0.6 * normal()).toFixed(2);
    const score = random().toFixed(6);
    const balance = random() < 0.3 ? '0' : (2000 * normal()).toFixed(2);
    let visits = 0;
    for (let k = 0, l = Math.exp(-3), p = random(); p > l; k++, p *= random()) visits = k + 1;
    const visitsText = random() < 0.01 ? '' : String(visits);
    const city = random() < 0.03 ? '' : `city_${Math.floor(200 * Math.pow(random(), 2.5))}`;
    const segment = SEGMENTS[Math.floor(random() * random() * SEGMENTS.length)];
    const churned = random() < 0.2 ? 'true' : 'false';
    const date = random() < 0.01 ? '' : new Date(start + Math.floor(random() * 3650) * day).toISOString().slice(0, 10);
    const rating = String(1 + Math.floor(5 * Math.sqrt(random())));
    let comment = '';
    if (random() >= 0.6) {
      const n = 2 + Math.floor(random() * 6);
      const words = [];
      for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(random() * WORDS.length)]);
      comment = `"${words.join(' ')}"`;
    }
    buffer += `${i},${age},${income},${score},${balance},${visitsText},${city},${segment},${churned},${date},${rating},${comment}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
  await rename(temp, path);
}
