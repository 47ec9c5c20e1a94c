// The tuning benchmark on real data: our built-in models tuned on two of the examples' datasets
// (examples/penguins: the vega-datasets penguins, classification by log loss; examples/cars: the
// vega-datasets cars, regression by RMSE), each over a conditional space choosing between two
// models; and the cars' elastic net alone (two continuous parameters, a smooth objective). The objective is ours (createTuningObjective: the CV a training run does) for every
// sampler; Optuna's TPE picks its parameters through optuna_side.py's ask/tell bridge, so both
// samplers face the identical objective. Values are memoised per case (the same parameters give
// the same CV score), so a repeat costs nothing.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/core/model/train/loadSpec';
import { createTuningObjective } from '../../src/core/tuning/objective';
import type { Params, Sampler, SearchSpace, TrialView } from '../../src/core/tuning/types';
import { OPTUNA_SIDE, PYTHON } from './optunaRuns';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ModelCase {
  name: string;
  project: string;
  metric: string;
  /** Models added to the project's spec for the study (name → kind). */
  extraModels?: Record<string, string>;
  /** Parameters of the spec's models changed for the study. */
  modelParams?: Record<string, Record<string, unknown>>;
  space: SearchSpace;
}

const knn = (models: string[]): SearchSpace['params'] => {
  const when = [{ param: 'model', values: ['knn'] }];
  return [
    { name: 'model', distribution: { type: 'categorical', choices: models } },
    { name: 'knn.n_neighbors', distribution: { type: 'int', low: 1, high: 60 }, conditions: when },
    { name: 'knn.weights', distribution: { type: 'categorical', choices: ['uniform', 'distance'] }, conditions: when },
    { name: 'knn.p', distribution: { type: 'int', low: 1, high: 2 }, conditions: when },
  ];
};

export const MODEL_CASES: readonly ModelCase[] = [
  {
    name: 'penguins: knn or logistic (log loss)',
    project: 'examples/penguins',
    metric: 'log_loss',
    space: {
      params: [
        ...knn(['knn', 'logistic']),
        {
          name: 'logistic.C',
          distribution: { type: 'float', low: 1e-3, high: 100, log: true },
          conditions: [{ param: 'model', values: ['logistic'] }],
        },
      ],
    },
  },
  {
    name: 'cars: knn or linear (RMSE)',
    project: 'examples/cars',
    metric: 'rmse',
    extraModels: { knn: 'k_neighbors' },
    space: {
      params: [
        ...knn(['knn', 'linear']),
        {
          name: 'linear.penalty',
          distribution: { type: 'categorical', choices: ['l2', 'l1', 'elasticnet'] },
          conditions: [{ param: 'model', values: ['linear'] }],
        },
        {
          name: 'linear.alpha',
          distribution: { type: 'float', low: 1e-4, high: 10, log: true },
          conditions: [{ param: 'model', values: ['linear'] }],
        },
        {
          name: 'linear.l1_ratio',
          distribution: { type: 'float', low: 0, high: 1 },
          conditions: [{ param: 'model', values: ['linear'] }],
        },
      ],
    },
  },
  {
    // A smooth one beside them: the elastic net's strength and mix, both continuous.
    name: 'cars: linear elastic net (RMSE)',
    project: 'examples/cars',
    metric: 'rmse',
    modelParams: { linear: { penalty: 'elasticnet' } },
    space: {
      params: [
        { name: 'linear.alpha', distribution: { type: 'float', low: 1e-4, high: 10, log: true } },
        { name: 'linear.l1_ratio', distribution: { type: 'float', low: 0, high: 1 } },
      ],
    },
  },
];

/** Optuna's TPE behind a line-per-message JSON bridge (optuna_side.py bridge). */
class OptunaBridge {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  constructor() {
    this.child = spawn(PYTHON, [OPTUNA_SIDE, 'bridge']);
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  private async call<T>(cmd: unknown): Promise<T> {
    this.child.stdin.write(`${JSON.stringify(cmd)}\n`);
    const line = await this.lines.next();
    if (line.done) throw new Error('the Optuna bridge closed');
    return JSON.parse(line.value) as T;
  }
  create(space: SearchSpace, seed: number) {
    return this.call({ cmd: 'create', space: space.params, seed, sampler: 'tpe' });
  }
  async ask(): Promise<Params> {
    return (await this.call<{ params: Params }>({ cmd: 'ask' })).params;
  }
  tell(value: number) {
    return this.call({ cmd: 'tell', value });
  }
  close() {
    this.child.stdin.end();
  }
}

export interface ModelRun {
  case: string;
  side: 'ours' | 'optuna';
  sampler: string;
  seed: number;
  best: number[];
}

type Evaluate = (p: Params) => Promise<number>;

async function caseObjective(c: ModelCase): Promise<{ evaluate: Evaluate; evaluations: () => number }> {
  const projectRoot = join(root, c.project);
  const { spec } = await loadSpec(projectRoot, 'pipeline.yaml');
  for (const [name, kind] of Object.entries(c.extraModels ?? {})) spec.models.push({ name, kind, params: {} });
  for (const [name, params] of Object.entries(c.modelParams ?? {})) {
    const model = spec.models.find((m) => m.name === name);
    if (!model) throw new Error(`${c.project}/pipeline.yaml has no model "${name}"`);
    model.params = { ...model.params, ...params };
  }
  const objective = await createTuningObjective({
    root: projectRoot,
    spec,
    specFile: 'pipeline.yaml',
    metrics: [c.metric],
  });
  const memo = new Map<string, number>();
  const signal = new AbortController().signal;
  return {
    evaluations: () => memo.size,
    evaluate: async (params) => {
      const key = JSON.stringify(Object.entries(params).sort(([a], [b]) => a.localeCompare(b)));
      let v = memo.get(key);
      if (v === undefined) {
        [v] = await objective.evaluate(params, { number: 0, params, report: () => false, signal });
        memo.set(key, v);
      }
      return v;
    },
  };
}

async function runOurs(sampler: Sampler, space: SearchSpace, evaluate: Evaluate, seed: number, n: number) {
  const history: TrialView[] = [];
  const best: number[] = [];
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const params = sampler.sample({ space, number: i, trials: history, directions: ['minimize'], seed });
    const value = await evaluate(params);
    history.push({ number: i, state: 'complete', params, values: [value], intermediate: [] });
    best.push((b = Math.min(b, value)));
  }
  return best;
}

async function runOptuna(bridge: OptunaBridge, space: SearchSpace, evaluate: Evaluate, seed: number, n: number) {
  await bridge.create(space, seed);
  const best: number[] = [];
  let b = Infinity;
  for (let i = 0; i < n; i++) {
    const params = await bridge.ask();
    const value = await evaluate(params);
    await bridge.tell(value);
    best.push((b = Math.min(b, value)));
  }
  return best;
}

/**
 * Every case × seed × sampler: ours (each named sampler) and Optuna's TPE (cached per case, seed,
 * budget and Optuna version under <cache>/optuna-<version>/; `recompute` ignores the cache).
 */
export async function runModelCases(options: {
  cacheDir: string;
  version: string;
  seeds: readonly number[];
  trials: number;
  ours: Record<string, () => Sampler>;
  recompute: boolean;
  log: (s: string) => void;
}): Promise<ModelRun[]> {
  const runs: ModelRun[] = [];
  const dir = join(options.cacheDir, `optuna-${options.version}`);
  mkdirSync(dir, { recursive: true });
  const bridge = new OptunaBridge();
  try {
    for (const c of MODEL_CASES) {
      // The cache file names the case by a hash of its definition: a changed space is a new case.
      const id = createHash('sha256').update(JSON.stringify(c)).digest('hex').slice(0, 10);
      const t0 = performance.now();
      const { evaluate, evaluations } = await caseObjective(c);
      for (const seed of options.seeds) {
        for (const [name, make] of Object.entries(options.ours))
          runs.push({
            case: c.name,
            side: 'ours',
            sampler: name,
            seed,
            best: await runOurs(make(), c.space, evaluate, seed, options.trials),
          });
        const file = join(dir, `model-${c.project.split('/').pop()}-${id}-tpe-seed${seed}-n${options.trials}.json`);
        let best: number[];
        if (!options.recompute && existsSync(file)) best = (JSON.parse(readFileSync(file, 'utf8')) as ModelRun).best;
        else {
          best = await runOptuna(bridge, c.space, evaluate, seed, options.trials);
          writeFileSync(file, JSON.stringify({ case: c.name, side: 'optuna', sampler: 'tpe', seed, best }));
        }
        runs.push({ case: c.name, side: 'optuna', sampler: 'tpe', seed, best });
      }
      options.log(
        `  ${c.name}: ${evaluations()} distinct evaluations, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
      );
    }
  } finally {
    bridge.close();
  }
  return runs;
}
