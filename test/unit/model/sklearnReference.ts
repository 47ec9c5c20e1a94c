// Reference values from scikit-learn itself (Debian's python3-sklearn, installed by
// scripts/system-deps.sh): the tests send data as JSON to a Python snippet and compare our numbers
// with what scikit-learn computes on the same input. Independent code, not stored numbers.
import { spawnSync } from 'node:child_process';

const PYTHON = process.env.MLCYCLE_PYTHON ?? '/usr/bin/python3';

/**
 * Runs `script` with `input` as JSON on stdin (available as the variable `data`); the script
 * assigns its answer to `result`, which comes back parsed. NaN/inf travel as null/strings: keep
 * inputs finite or encode them yourself.
 */
export function sklearn<T = unknown>(script: string, input: unknown): T {
  const program = [
    'import json, sys, warnings',
    'warnings.filterwarnings("ignore")',
    'import numpy as np',
    'data = json.load(sys.stdin)',
    'result = None',
    script,
    'def _plain(o):',
    '    if isinstance(o, np.ndarray): return o.tolist()',
    '    if isinstance(o, (np.floating,)): return float(o)',
    '    if isinstance(o, (np.integer,)): return int(o)',
    '    raise TypeError(type(o))',
    'sys.stdout.write(json.dumps(result, default=_plain))',
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', program], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`scikit-learn reference failed (${PYTHON}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
