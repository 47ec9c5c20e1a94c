// Entry point of a study's trial thread (bundled as dist/trialThread.js; from sources, loaded
// through tsx). It builds its objective once, from workerData (a ThreadObjectiveSource), on the
// first trial — so the data is loaded, split and prepared once per thread, as objective.ts does
// in one process — then runs the trials the study sends it, one at a time (protocol.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { createTuningObjective } from '../objective';
import type { TrialContext } from '../study';
import { TrialPruned } from '../trialPruned';
import type { Params } from '../types';
import type { FromTrialThread, ThreadObjectiveSource, ThreadTrialOutcome, ToTrialThread } from './protocol';

export interface ThreadObjective {
  run(params: Params, ctx: TrialContext): Promise<ThreadTrialOutcome>;
}

async function buildObjective(source: ThreadObjectiveSource): Promise<ThreadObjective> {
  if (source.kind === 'tuning') return createTuningObjective(source.options);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(source.path) as { createThreadObjective(options: unknown): Promise<ThreadObjective> };
  return loaded.createThreadObjective(source.options);
}

const port = parentPort;
if (!port) throw new Error('trialThread.ts runs as a worker thread of a tuning study.');
const post = (message: FromTrialThread) => port.postMessage(message);

let objective: Promise<ThreadObjective> | undefined;
const load = () => (objective ??= buildObjective(workerData as ThreadObjectiveSource));
/** The trial running now: its abort controller and the reports waiting for the pruner's answer. */
let current: { number: number; controller: AbortController; waiting: Map<number, (stop: boolean) => void> } | undefined;

async function runTrial(number: number, params: Params): Promise<void> {
  const controller = new AbortController();
  const waiting = new Map<number, (stop: boolean) => void>();
  current = { number, controller, waiting };
  let nextId = 0;
  const ctx: TrialContext = {
    number,
    params,
    signal: controller.signal,
    // Waits for the study's pruner; once aborted, every report stops the trial.
    report: (step, value) =>
      controller.signal.aborted
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const id = nextId++;
            waiting.set(id, resolve);
            post({ type: 'report', number, id, step, value });
          }),
  };
  try {
    const outcome = await (await load()).run(params, ctx);
    post({ type: 'done', number, outcome: { values: [...outcome.values], attributes: { ...outcome.attributes } } });
  } catch (error) {
    if (error instanceof TrialPruned)
      post({ type: 'pruned', number, ...(error.step !== undefined ? { step: error.step } : {}) });
    else
      post({
        type: 'failed',
        number,
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error ? { name: error.name } : {}),
      });
  } finally {
    current = undefined;
  }
}

port.on('message', (message: ToTrialThread) => {
  switch (message.type) {
    case 'warm':
      load().then(
        () => post({ type: 'ready', number: -1 }),
        (error: unknown) =>
          post({ type: 'ready', number: -1, error: error instanceof Error ? error.message : String(error) }),
      );
      break;
    case 'trial':
      void runTrial(message.number, message.params);
      break;
    case 'prune': {
      if (current?.number !== message.number) break;
      const resolve = current.waiting.get(message.id);
      current.waiting.delete(message.id);
      resolve?.(message.stop);
      break;
    }
    case 'abort':
      if (current?.number !== message.number) break;
      current.controller.abort();
      for (const resolve of current.waiting.values()) resolve(true);
      current.waiting.clear();
      break;
  }
});
