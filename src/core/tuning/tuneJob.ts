// The `tune` job: a tuning study on the project's own models, recorded under
// .mlcycle/studies/<id>/. It reads the study (a tuning.yaml naming its pipeline spec, or the
// `tuning:` section of pipeline.yaml), prepares the data once, judges the task's baseline the way
// every trial is judged, then runs the stages: the first over the spec's space, each later one
// over the space narrowed around the best trials so far (stages.ts). Every state change of a
// trial is appended to the study's log as it happens, so a crash or a cancel keeps the finished
// trials, and `resume` re-runs the interrupted one and goes on where the study stopped.
// With `parallel: N` (N ≥ 2) built-in trials run on a pool of N worker threads (threads/), each
// loading the data once; trials of an external trainer are subprocesses started from here.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { JobError } from '../../protocol/jobError';
import type { JobContext } from '../../protocol/jobs';
import { TUNING_FILE } from '../project/projectFile';
import { writeRecord } from '../records';
import { insideProject, loadSpec, requireProject, throwSpecProblems } from '../model/train/loadSpec';
import { inputFingerprints } from '../records';
import { bestTrial, paretoFront } from './best';
import { createTuningObjective } from './objective';
import { makePruner } from './pruners';
import { GridSampler } from './samplers/grid';
import { RandomSampler } from './samplers/random';
import { TpeSampler } from './samplers/tpe';
import { loadStageEdit, writeStageDraft } from './stageEdit';
import { narrowSpace } from './stages';
import { runStudy, type StopReason, type TrialContext, type TrialRecord } from './study';
import { parseStudySpec, tuningSpecReference } from './studySpec';
import { appendTrial, createStudy, loadStudy, lockStudy, saveStudyFile, type LoadedStudy } from './studyStore';
import { resolveParallel, type ConstraintSpec, type StudySpec } from './studyTypes';
import { TrialPool } from './threads/trialPool';
import type { Params, Sampler } from './types';

export interface TuneParams {
  root: string;
  /** A tuning.yaml, or a pipeline spec with a `tuning:` section (default: the project's tuning.yaml, else its pipeline spec). */
  spec?: string;
  /** Trials to run now (default: what the stages still have; with `resume`, more trials extend the study). */
  trials?: number;
  timeoutSeconds?: number;
  /** Run only up to this stage (0-based). */
  stage?: number;
  /** Go on with this study: re-run its interrupted trial, then the rest of its budget (or `trials` more). */
  resume?: string;
}

export interface TuneResult {
  studyId: string;
  dir: string;
  metrics: string[];
  directions: StudySpec['objectives'][number]['direction'][];
  trials: TrialRecord[];
  /** The best trial that meets every constraint (first objective; several objectives: see paretoFront). */
  best?: TrialRecord;
  paretoFront: TrialRecord[];
  baseline: number[];
  beatBaseline: boolean;
  stopReason: StopReason;
  error?: string;
  /** The run stopped before a narrowing stage: that stage's space, in a file to edit before `--resume`. */
  nextStage?: { index: number; file: string; written: boolean; changes: string[] };
  notices: string[];
}

/** Where the study is written: a tuning.yaml, or a pipeline spec's `tuning:` section. */
async function readStudy(root: string, specOption: string | undefined) {
  const project = await requireProject(root);
  const path = specOption ?? (existsSync(join(root, TUNING_FILE)) ? TUNING_FILE : project.documents.pipeline);
  const file = insideProject(root, path, 'tuning spec');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new JobError('bad-input', `The tuning spec ${path} does not exist or cannot be read.`, { file });
  }
  const reference = tuningSpecReference(text);
  const section = reference === undefined;
  const pipelinePath = section ? relative(root, file) : relative(root, join(dirname(file), reference));
  const loaded = await loadSpec(root, pipelinePath);
  const { spec } = loaded;
  const parsed = parseStudySpec(
    text,
    {
      task: spec.task,
      models: spec.models.map((m) => ({ name: m.name, kind: m.kind })),
      seed: spec.seed,
      primaryMetric: spec.evaluation.primaryMetric,
    },
    { section },
  );
  throwSpecProblems(parsed.problems, relative(root, file), file, 'The tuning spec');
  if (!parsed.spec) throw new JobError('bad-input', `The tuning spec ${path} could not be read.`, { file });
  return { loaded, study: parsed.spec, file };
}

function makeSampler(spec: StudySpec): Sampler {
  const s = spec.sampler;
  if (s.kind === 'random') return new RandomSampler();
  if (s.kind === 'grid') return new GridSampler({ points: spec.gridPoints, maxCombinations: s.maxCombinations });
  return new TpeSampler({
    optunaCompat: s.optunaCompat,
    startupTrials: s.startupTrials,
    eiCandidates: s.eiCandidates,
    multivariate: s.multivariate,
    group: s.group,
    constantLiar: s.constantLiar,
  });
}

const OPS: Record<ConstraintSpec['op'], (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

/** Whether a complete trial meets every constraint (a cost it did not measure counts as broken). */
export function feasible(
  trial: TrialRecord,
  constraints: readonly ConstraintSpec[],
  metrics: readonly string[],
): boolean {
  return constraints.every((c) => {
    const i = metrics.indexOf(c.name);
    const value =
      i >= 0
        ? trial.values?.[i]
        : c.name === 'fit_seconds'
          ? (trial.attributes?.fit_ms ?? NaN) / 1000
          : trial.attributes?.[c.name];
    return typeof value === 'number' && !Number.isNaN(value) && OPS[c.op](value, c.value);
  });
}

function beats(value: number, baseline: number, direction: 'minimize' | 'maximize'): boolean {
  return direction === 'maximize' ? value > baseline : value < baseline;
}

export async function tune(params: TuneParams, ctx: JobContext): Promise<TuneResult> {
  const { root } = params;
  let store: LoadedStudy;
  let studySpec: StudySpec;
  let loadedSpec: Awaited<ReturnType<typeof readStudy>>['loaded'];
  let tuningFile: string | undefined;
  if (params.resume !== undefined) {
    store = await loadStudy(root, params.resume);
    studySpec = store.study.spec as StudySpec;
    const stored = store.study.spec as { pipelinePath?: string; tuningPath?: string };
    const pipelinePath = stored.pipelinePath;
    tuningFile = stored.tuningPath !== undefined ? join(root, stored.tuningPath) : undefined;
    loadedSpec = await loadSpec(root, pipelinePath);
  } else {
    const read = await readStudy(root, params.spec);
    // 'auto' is resolved once, and the study keeps the number: a resume runs it the same way.
    studySpec = { ...read.study, parallel: resolveParallel(read.study.parallel, availableParallelism()) };
    loadedSpec = read.loaded;
    tuningFile = read.file;
    store = await createStudy(root, {
      directions: studySpec.objectives.map((o) => o.direction),
      metrics: studySpec.objectives.map((o) => o.metric),
      seed: studySpec.seed,
      space: studySpec.space,
      stages: [],
      spec: {
        ...studySpec,
        pipelinePath: loadedSpec.specPath,
        tuningPath: relative(root, read.file).split('\\').join('/'),
      },
    });
  }
  const { study, dir } = store;
  const unlock = await lockStudy(dir, study.id);
  // The measured costs of each trial (the study records values; the job adds these to the log).
  const lastAttributes = new Map<number, Record<string, number>>();
  let pool: TrialPool | undefined;
  try {
    const metrics = studySpec.objectives.map((o) => o.metric);
    const directions = studySpec.objectives.map((o) => o.direction);
    const spec = {
      ...loadedSpec.spec,
      models: loadedSpec.spec.models.filter((m) => studySpec.models.includes(m.name)),
    };
    ctx.report({ message: 'Loading the data once for the whole study' });
    const objectiveOptions = {
      root,
      spec,
      specFile: loadedSpec.specFile,
      metrics,
      on: studySpec.on,
      measureSize: studySpec.constraints.some((c) => c.name === 'model_size_kb'),
    };
    const objective = await createTuningObjective({ ...objectiveOptions, signal: ctx.signal });
    const parallel = resolveParallel(studySpec.parallel, availableParallelism());
    // Each thread's fits use one core: the threads themselves fill the machine.
    pool =
      parallel > 1
        ? new TrialPool({ kind: 'tuning', options: { ...objectiveOptions, modelThreads: 1 } }, parallel)
        : undefined;
    const runOne = (p: Params, trialCtx: TrialContext) => {
      let external = false;
      try {
        external = objective.isExternal(p);
      } catch {
        // Parameters the spec cannot take: the trial fails with that error wherever it runs.
      }
      return pool && !external ? pool.run(p, trialCtx) : objective.run(p, trialCtx);
    };
    ctx.report({ message: 'Judging the baseline the way each trial is judged' });
    const baseline = await objective.baseline(ctx.signal);

    const sampler = makeSampler(studySpec);
    const pruner = makePruner(studySpec.pruner);
    let trials: TrialRecord[] = [...store.trials];
    const stages = [...studySpec.stages];
    // Extending a finished study: more trials in its last stage.
    const planned = stages.reduce((n, s) => n + s.trials, 0);
    if (params.resume !== undefined && params.trials !== undefined)
      stages[stages.length - 1] = {
        ...stages[stages.length - 1],
        trials: stages[stages.length - 1].trials + params.trials,
      };
    else if (params.trials !== undefined && params.resume === undefined && params.trials !== planned) {
      // --trials N: N trials over the stages, each keeping its share.
      let left = params.trials;
      for (let k = 0; k < stages.length; k++) {
        const share =
          k === stages.length - 1 ? left : Math.max(1, Math.round((stages[k].trials / planned) * params.trials));
        stages[k] = { ...stages[k], trials: Math.min(left, share) };
        left -= stages[k].trials;
      }
    }
    const lastStage = Math.min(stages.length - 1, params.stage ?? stages.length - 1);
    const started = Date.now();
    let stopReason: StopReason = 'budget';
    let finishedNow = 0;
    let error: string | undefined;
    for (let k = 0; k <= lastStage; k++) {
      const inStage = trials.filter((t) => (t.stage ?? 0) === k && t.state !== 'running').length;
      const left = stages[k].trials - inStage;
      let record = study.stages[k];
      if (!record) {
        const narrowed =
          k === 0 || !stages[k].narrow
            ? { space: studySpec.space, changes: [] as string[] }
            : narrowSpace(studySpec.space, trials, directions[0], stages[k].narrow!);
        // The user's edit of this stage's space, when a run that stopped before it left one.
        const edit =
          k > 0 && stages[k].narrow
            ? await loadStageEdit(dir, { studyId: study.id, index: k }, studySpec.space, narrowed.space)
            : undefined;
        if (edit) throwSpecProblems(edit.problems, relative(root, edit.file), edit.file, 'The stage file');
        record = {
          index: k,
          space: edit?.space ?? narrowed.space,
          trials: stages[k].trials,
          changes: [...narrowed.changes, ...(edit?.changes ?? [])],
          ...(edit ? { edited: relative(root, edit.file).split('\\').join('/') } : {}),
        };
        study.stages[k] = record;
        await saveStudyFile(dir, study);
      } else if (record.trials !== stages[k].trials) {
        record.trials = stages[k].trials;
        await saveStudyFile(dir, study);
      }
      if (left <= 0 && !trials.some((t) => t.state === 'running' && (t.stage ?? 0) === k)) continue;
      const budget = sampler instanceof GridSampler ? Math.min(left, sampler.size(record.space) - inStage) : left;
      const elapsed = (Date.now() - started) / 1000;
      const timeout = params.timeoutSeconds ?? studySpec.budget.timeoutSeconds;
      const result = await runStudy({
        space: record.space,
        sampler,
        pruner,
        directions,
        seed: studySpec.seed,
        trials: Math.max(0, budget),
        ...(timeout !== undefined ? { timeoutSeconds: Math.max(0, timeout - elapsed) } : {}),
        ...(studySpec.budget.trialTimeoutSeconds !== undefined
          ? { trialTimeoutSeconds: studySpec.budget.trialTimeoutSeconds }
          : {}),
        parallel,
        objective: async (p, trialCtx) => {
          const outcome = await runOne(p, trialCtx);
          lastAttributes.set(trialCtx.number, outcome.attributes);
          return outcome.values;
        },
        signal: ctx.signal,
        history: trials,
        stage: k,
        onTrial: (trial) => {
          const attributes = lastAttributes.get(trial.number);
          const withAttributes = trial.state === 'complete' && attributes ? { ...trial, attributes } : trial;
          appendTrial(dir, withAttributes);
          if (trial.state !== 'running') {
            finishedNow++;
            const done = trials.filter((t) => t.state !== 'running').length + finishedNow;
            ctx.report({
              message: `Stage ${k + 1}: trial ${trial.number} ${trial.state}${trial.values ? ` (${metrics[0]} ${trial.values[0].toPrecision(4)})` : ''}`,
              fraction: Math.min(
                1,
                done /
                  Math.max(
                    1,
                    stages.reduce((n, s) => n + s.trials, 0),
                  ),
              ),
            });
          }
        },
      });
      const attributed = new Map(result.trials.map((t) => [t.number, t]));
      trials = [...attributed.values()].map((t) => {
        const attributes = lastAttributes.get(t.number);
        return t.state === 'complete' && attributes ? { ...t, attributes } : t;
      });
      finishedNow = 0;
      stopReason = result.stopReason;
      error = result.error;
      if (stopReason !== 'budget') break;
    }
    // Stopped before a narrowing stage (--stage K): its space goes to a file the user may edit.
    let nextStage: TuneResult['nextStage'];
    const next = lastStage + 1;
    if (stopReason === 'budget' && next < stages.length && stages[next].narrow && !study.stages[next]) {
      const narrow = stages[next].narrow!;
      const narrowed = narrowSpace(studySpec.space, trials, directions[0], narrow);
      const draft = await writeStageDraft(dir, {
        studyId: study.id,
        index: next,
        original: studySpec.space,
        narrowed: narrowed.space,
        top: narrow.top,
        margin: narrow.margin ?? 0.1,
      });
      nextStage = {
        index: next,
        file: relative(root, draft.file).split('\\').join('/'),
        written: draft.written,
        changes: narrowed.changes,
      };
    }
    const feasibleTrials = trials.filter((t) => t.state === 'complete' && feasible(t, studySpec.constraints, metrics));
    const best = bestTrial(feasibleTrials, directions[0]);
    const beatBaseline = best?.values !== undefined && beats(best.values[0], baseline[0], directions[0]);
    if (stopReason === 'cancelled')
      throw new JobError(
        'cancelled',
        `The study ${study.id} was cancelled; its ${trials.filter((t) => t.state !== 'running').length} finished trials are kept (resume with --resume ${study.id}).`,
      );
    if (stopReason === 'all-failed')
      throw new JobError('failed', `Every one of the first trials failed; the first error: ${error ?? 'unknown'}`);
    // The study's record: what the sidebar reads (and from which data, to tell when it is stale).
    const finished = trials.filter((t) => t.state !== 'running').length;
    await writeRecord(root, {
      schemaVersion: 1,
      kind: 'study',
      name: study.id,
      createdAt: new Date().toISOString(),
      inputs: await inputFingerprints(root, [
        objective.data.files.train,
        objective.data.files.holdout,
        loadedSpec.specFile,
        tuningFile,
      ]),
      outcome: beatBaseline ? 'pass' : 'fail',
      summary: best?.values
        ? `Best ${metrics[0]} ${best.values[0].toPrecision(4)} (trial ${best.number}) against the baseline's ${baseline[0].toPrecision(4)}, ${finished} trials.`
        : `No trial completed that meets the constraints (${finished} trials).`,
      data: { studyId: study.id, metrics, baseline, best: best ?? null, trials: finished, stopReason },
    });
    return {
      studyId: study.id,
      dir,
      metrics,
      directions,
      trials,
      ...(best ? { best } : {}),
      paretoFront: paretoFront(feasibleTrials, directions),
      baseline,
      beatBaseline,
      stopReason,
      ...(error !== undefined ? { error } : {}),
      ...(nextStage ? { nextStage } : {}),
      notices: store.notices,
    };
  } finally {
    await pool?.close();
    await unlock();
  }
}
