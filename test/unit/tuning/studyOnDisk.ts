// A fixture study written the way a running study writes it (createStudy, then one appended
// line per trial state change), for the tests that read studies from disk: the feed, the
// study view in Chromium, its export.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrialRecord } from '../../../src/core/tuning/study';
import { appendTrial, createStudy, type LoadedStudy } from '../../../src/core/tuning/studyStore';
import type { ProjectSummary } from '../../../src/protocol/webview';
import { fixtureStudy, fixtureTrial } from './studyFixture';

export function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'mlcycle-study-'));
}

export const projectOf = (root: string): ProjectSummary => ({
  name: 'Penguin species',
  task: 'classification',
  target: 'species',
  root,
});

/** A study of `n` trials (each logged running, then in its final state) and `running` more still running; all of them returned. */
export async function writeStudy(
  root: string,
  n: number,
  options: { objectives?: 1 | 2; running?: number; stageFrom?: number } = {},
): Promise<{ loaded: LoadedStudy; trials: TrialRecord[] }> {
  const objectives = options.objectives ?? 2;
  const study = fixtureStudy(objectives);
  const loaded = await createStudy(
    root,
    {
      directions: study.directions,
      metrics: study.metrics,
      seed: study.seed,
      space: study.space,
      stages: study.stages,
      spec: study.spec,
    },
    new Date(Date.UTC(2026, 11, 7, 10, 0, 0)),
  );
  const trials: TrialRecord[] = [];
  const stageFrom = options.stageFrom ?? Math.floor(n / 2);
  for (let i = 0; i < n; i++) trials.push(logTrial(loaded.dir, fixtureTrial(i, stageFrom, objectives)));
  for (let i = n; i < n + (options.running ?? 0); i++) {
    const t = fixtureTrial(i, stageFrom, objectives);
    const running: TrialRecord = { ...t, state: 'running', values: undefined, intermediate: [], error: undefined };
    appendTrial(loaded.dir, running);
    trials.push(running);
  }
  return { loaded, trials };
}

/** Logs `trial` as a study does: a running snapshot, then its final one. */
export function logTrial(dir: string, trial: TrialRecord): TrialRecord {
  appendTrial(dir, { ...trial, state: 'running', values: undefined, intermediate: [], error: undefined });
  appendTrial(dir, trial);
  return trial;
}
