// The early-stopping hold-out of gradient boosting: like scikit-learn's train_test_split with
// test_size=validation_fraction (⌈n·fraction⌉ rows), stratified by class for classification so
// every class keeps its share, and seeded so the same seed holds out the same rows.
import { seededRandom as random32 } from '../../../seededRandom';
import type { Target } from '../../matrix';

function shuffle(a: Int32Array, random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

export interface ValidationSplit {
  train: Int32Array;
  validation: Int32Array;
}

export function validationSplit(y: Target, fraction: number, seed: number): ValidationSplit {
  const n = y.y.length;
  const nValidation = Math.min(n - 1, Math.max(1, Math.ceil(n * fraction)));
  const random = random32(seed ^ 0x5bd1e995);
  const isValidation = new Uint8Array(n);
  if (y.task === 'regression') {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    shuffle(order, random);
    for (let i = 0; i < nValidation; i++) isValidation[order[i]] = 1;
  } else {
    // Per class, the largest-remainder share of the validation rows, then a seeded draw within the class.
    const K = y.classes.length;
    const members: number[][] = Array.from({ length: K }, () => []);
    for (let i = 0; i < n; i++) members[y.y[i]].push(i);
    const exact = members.map((m) => (m.length * nValidation) / n);
    const take = exact.map(Math.floor);
    let left = nValidation - take.reduce((a, b) => a + b, 0);
    const byRemainder = exact.map((_, k) => k).sort((a, b) => exact[b] - take[b] - (exact[a] - take[a]) || a - b);
    for (const k of byRemainder) {
      if (left === 0) break;
      if (take[k] < members[k].length) {
        take[k]++;
        left--;
      }
    }
    for (let k = 0; k < K; k++) {
      const rows = Int32Array.from(members[k]);
      shuffle(rows, random);
      for (let i = 0; i < take[k]; i++) isValidation[rows[i]] = 1;
    }
  }
  const train = new Int32Array(n - nValidation);
  const validation = new Int32Array(nValidation);
  let t = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    if (isValidation[i]) validation[v++] = i;
    else train[t++] = i;
  }
  return { train, validation };
}
