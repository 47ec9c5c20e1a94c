// The test functions of the tuning benchmark, each with its search space: the same formulas and
// ranges as the Optuna side (bench/tuning/optuna_side.py). Known minima are given for the table.
import type { Params, SearchSpace } from '../../src/core/tuning/types';

export interface TestFunction {
  name: string;
  space: SearchSpace;
  /** The global minimum, for the table (regret = best − minimum). */
  minimum: number;
  evaluate(p: Params): number;
}

const floats = (names: string[], low: number, high: number): SearchSpace => ({
  params: names.map((name) => ({ name, distribution: { type: 'float', low, high } })),
});
const xs = (d: number) => Array.from({ length: d }, (_, i) => `x${i}`);
const num = (p: Params, k: string) => p[k] as number;

function branin(p: Params): number {
  const x1 = num(p, 'x1');
  const x2 = num(p, 'x2');
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (x2 - b * x1 ** 2 + c * x1 - 6) ** 2 + 10 * (1 - t) * Math.cos(x1) + 10;
}

const A = [
  [10, 3, 17, 3.5, 1.7, 8],
  [0.05, 10, 17, 0.1, 8, 14],
  [3, 3.5, 1.7, 10, 17, 8],
  [17, 8, 0.05, 10, 0.1, 14],
];
const P = [
  [1312, 1696, 5569, 124, 8283, 5886],
  [2329, 4135, 8307, 3736, 1004, 9991],
  [2348, 1451, 3522, 2883, 3047, 6650],
  [4047, 8828, 8732, 5743, 1091, 381],
];
const ALPHA = [1.0, 1.2, 3.0, 3.2];

function hartmann6(p: Params): number {
  let total = 0;
  for (let i = 0; i < 4; i++) {
    let inner = 0;
    for (let j = 0; j < 6; j++) inner += A[i][j] * (num(p, `x${j}`) - P[i][j] * 1e-4) ** 2;
    total -= ALPHA[i] * Math.exp(-inner);
  }
  return total;
}

function rosenbrock4(p: Params): number {
  let s = 0;
  for (let i = 0; i < 3; i++) {
    const a = num(p, `x${i}`);
    const b = num(p, `x${i + 1}`);
    s += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
  }
  return s;
}

function styblinski(d: number): (p: Params) => number {
  return (p) => {
    let s = 0;
    for (let i = 0; i < d; i++) {
      const v = num(p, `x${i}`);
      s += v ** 4 - 16 * v ** 2 + 5 * v;
    }
    return s / 2;
  };
}

function mixed(p: Params): number {
  const base = (num(p, 'w') - 0.25) ** 2;
  if (p.kind === 'sphere') return base + num(p, 'sphere.x') ** 2 + 1;
  if (p.kind === 'shifted')
    return base + (Math.log10(num(p, 'shifted.y')) - 1) ** 2 + ((num(p, 'shifted.n') - 7) / 5) ** 2;
  return base + Math.abs(num(p, 'abs.z') - 1.5) + 0.5;
}

const mixedSpace: SearchSpace = {
  params: [
    { name: 'w', distribution: { type: 'float', low: 0, high: 1 } },
    { name: 'kind', distribution: { type: 'categorical', choices: ['sphere', 'shifted', 'abs'] } },
    {
      name: 'sphere.x',
      distribution: { type: 'float', low: -5, high: 5 },
      conditions: [{ param: 'kind', values: ['sphere'] }],
    },
    {
      name: 'shifted.y',
      distribution: { type: 'float', low: 1e-3, high: 1e3, log: true },
      conditions: [{ param: 'kind', values: ['shifted'] }],
    },
    {
      name: 'shifted.n',
      distribution: { type: 'int', low: 1, high: 20 },
      conditions: [{ param: 'kind', values: ['shifted'] }],
    },
    {
      name: 'abs.z',
      distribution: { type: 'float', low: -5, high: 5, step: 0.5 },
      conditions: [{ param: 'kind', values: ['abs'] }],
    },
  ],
};

export const FUNCTIONS: readonly TestFunction[] = [
  {
    name: 'branin',
    space: { params: [...floats(['x1'], -5, 10).params, ...floats(['x2'], 0, 15).params] },
    minimum: 0.397887,
    evaluate: branin,
  },
  { name: 'hartmann6', space: floats(xs(6), 0, 1), minimum: -3.32237, evaluate: hartmann6 },
  { name: 'rosenbrock4', space: floats(xs(4), -2.048, 2.048), minimum: 0, evaluate: rosenbrock4 },
  ...[2, 5, 10].map((d) => ({
    name: `styblinski${d}`,
    space: floats(xs(d), -5, 5),
    minimum: -39.16617 * d,
    evaluate: styblinski(d),
  })),
  { name: 'mixed', space: mixedSpace, minimum: 0, evaluate: mixed },
];

/** The 4-D mixed space of the sampler-overhead measurement (2 float, 1 int, 1 categorical). */
export const OVERHEAD_SPACE: SearchSpace = {
  params: [
    { name: 'a', distribution: { type: 'float', low: -10, high: 10 } },
    { name: 'b', distribution: { type: 'float', low: 1e-3, high: 1e3, log: true } },
    { name: 'n', distribution: { type: 'int', low: 1, high: 100 } },
    { name: 'c', distribution: { type: 'categorical', choices: ['x', 'y', 'z'] } },
  ],
};

export function overheadObjective(p: Params): number {
  return num(p, 'a') ** 2 + Math.log(num(p, 'b')) ** 2 + (num(p, 'n') - 50) ** 2 / 100 + (p.c === 'y' ? 0 : 1);
}
