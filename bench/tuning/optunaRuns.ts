// The Optuna side's quality runs, cached: one JSON file per (function, sampler, seed, trials)
// under <cache>/optuna-<version>/, written by optuna_side.py as each run finishes, so an
// interrupted benchmark keeps what it computed and a re-run only reads files. `recompute`
// deletes and recomputes them. The missing runs are computed in a child process that runs while
// our side does (startOptunaRuns returns at once; wait() resolves when the child is done).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
export const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';
export const OPTUNA_SIDE = join(here, 'optuna_side.py');

export interface RunKey {
  function: string;
  sampler: string;
  seed: number;
  trials: number;
}
export interface OptunaRun extends RunKey {
  optuna: string;
  best: number[];
  seconds: number;
}

/** One request to optuna_side.py, answered synchronously. */
export function optunaSide<T>(request: unknown): T {
  const r = spawnSync(PYTHON, [OPTUNA_SIDE], { input: JSON.stringify(request), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`the Optuna side failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function optunaVersion(): string {
  return optunaSide<{ optuna: string }>({ mode: 'version' }).optuna;
}

const fileOf = (dir: string, k: RunKey) => join(dir, `${k.function}-${k.sampler}-seed${k.seed}-n${k.trials}.json`);

export function startOptunaRuns(
  cacheDir: string,
  version: string,
  keys: readonly RunKey[],
  recompute: boolean,
): { missing: number; wait(): Promise<OptunaRun[]> } {
  const dir = join(cacheDir, `optuna-${version}`);
  mkdirSync(dir, { recursive: true });
  if (recompute) for (const k of keys) rmSync(fileOf(dir, k), { force: true });
  const missing = keys.filter((k) => !existsSync(fileOf(dir, k)));
  const read = () => keys.map((k) => JSON.parse(readFileSync(fileOf(dir, k), 'utf8')) as OptunaRun);
  if (missing.length === 0) return { missing: 0, wait: async () => read() };
  const child = spawn(PYTHON, [OPTUNA_SIDE], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end(JSON.stringify({ mode: 'quality', runs: missing, out: dir }));
  const done = new Promise<void>((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`the Optuna side failed: ${stderr}`)))),
  );
  return {
    missing: missing.length,
    wait: async () => {
      await done;
      return read();
    },
  };
}
