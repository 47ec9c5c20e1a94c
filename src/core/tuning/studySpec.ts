// Reads a tuning study — a tuning.yaml (with `spec:` naming the pipeline spec) or the `tuning:`
// section of pipeline.yaml — into a defaulted StudySpec. YAML and schema problems, and every
// rule the schema says poorly (a metric of the task, constraints, options of the chosen
// sampler and pruner, stages against the budget, the search space, a grid's size), come with
// the line and column of the key at fault, as for pipeline.yaml.
import schema from '../../../schemas/tuning.schema.json';
import { greaterIsBetter } from '../lifecycle/runSummary';
import type { Task } from '../model/models/estimator';
import { DEFAULT_SEED, METRICS, defaultEvaluation } from '../model/spec/specDefaults';
import { SpecReader, type Path } from '../model/spec/specReader';
import { checkAgainstSchema } from '../yaml/schemaCheck';
import { parseYaml, type Problem } from '../yaml/yamlDocument';
import { GridError, checkGridSize, gridValues } from './samplers/grid';
import { OPTUNA_TPE_DEFAULTS, TPE_DEFAULTS } from './samplers/tpe';
import { compileSpace, type StudyPipeline } from './spaceCompiler';
import {
  CONSTRAINT_MEASURES,
  STUDY_DEFAULTS,
  type BudgetSpec,
  type ConstraintOp,
  type ConstraintSpec,
  type ObjectiveSpec,
  type PrunerSpec,
  type SamplerSpec,
  type StageSpec,
  type StudySpec,
} from './studyTypes';

export type { StudyPipeline } from './spaceCompiler';

export interface ParsedStudySpec {
  /** The defaulted study, when the document has no errors. */
  spec?: StudySpec;
  problems: Problem[];
}

interface RawObjective {
  metric: string;
  on?: 'cv' | 'holdout';
  direction?: 'minimize' | 'maximize';
}

interface RawStudy {
  version?: 1;
  spec?: string;
  objective?: RawObjective;
  objectives?: RawObjective[];
  constraints?: string[];
  sampler?: Record<string, unknown> & { kind?: SamplerSpec['kind']; seed?: number };
  pruner?: Record<string, unknown> & { kind?: PrunerSpec['kind'] };
  budget?: { trials?: number; timeoutSeconds?: number; trialTimeoutSeconds?: number };
  parallel?: number | 'auto';
  seed?: number;
  stages?: Array<{ trials: number; narrow?: { top?: number; margin?: number } }>;
  space: Record<string, unknown>;
}

/** The `tuning:` section has the file's keys except `version` and `spec`; the schema without its $id (one id, one schema). */
const sectionSchema: object = (() => {
  const copy: Record<string, unknown> = { ...(schema as Record<string, unknown>), required: ['space'] };
  delete copy.$id;
  return copy;
})();

/** The `spec:` of a tuning.yaml (the pipeline spec to read first), when it has one. */
export function tuningSpecReference(text: string): string | undefined {
  const value = parseYaml(text).value as { spec?: unknown } | null | undefined;
  return value && typeof value === 'object' && typeof value.spec === 'string' ? value.spec : undefined;
}

/** Whether a pipeline.yaml has a `tuning:` section. */
export function hasTuningSection(text: string): boolean {
  const value = parseYaml(text).value as { tuning?: unknown } | null | undefined;
  return !!value && typeof value === 'object' && value.tuning !== undefined;
}

const SAMPLER_OPTIONS: Record<SamplerSpec['kind'], string[]> = {
  tpe: ['optunaCompat', 'multivariate', 'group', 'startupTrials', 'eiCandidates', 'constantLiar'],
  random: [],
  grid: ['maxCombinations'],
};
const PRUNER_OPTIONS: Record<PrunerSpec['kind'], string[]> = {
  none: [],
  median: ['startupTrials', 'warmupSteps', 'intervalSteps'],
  successive_halving: ['minResource', 'reductionFactor', 'minEarlyStoppingRate'],
  hyperband: ['minResource', 'maxResource', 'reductionFactor'],
};

class StudyReader {
  constructor(
    readonly reader: SpecReader,
    readonly at: Path,
    readonly pipeline: StudyPipeline,
  ) {}

  problem(path: Path, message: string, severity: Problem['severity'] = 'error', preferKey = true): void {
    this.reader.problem([...this.at, ...path], message, severity, preferKey);
  }

  objectives(raw: RawStudy): { objectives: ObjectiveSpec[]; on: 'cv' | 'holdout' } {
    const task = this.pipeline.task;
    if (raw.objective && raw.objectives)
      this.problem(['objectives'], 'Give objective (one metric) or objectives (several), not both.');
    const listed: Array<[RawObjective, Path]> = raw.objectives
      ? raw.objectives.map((o, i) => [o, ['objectives', i]])
      : raw.objective
        ? [[raw.objective, ['objective']]]
        : [[{ metric: this.pipeline.primaryMetric ?? defaultEvaluation(task, []).primaryMetric }, []]];
    const objectives = listed.map(([o, at], i): ObjectiveSpec => {
      const other: Task = task === 'classification' ? 'regression' : 'classification';
      if (!METRICS[task].includes(o.metric))
        this.problem(
          [...at, 'metric'],
          METRICS[other].includes(o.metric)
            ? `${o.metric} is a ${other} metric; for ${task} use one of: ${METRICS[task].join(', ')}.`
            : `"${o.metric}" is not a ${task} metric (${METRICS[task].join(', ')}).`,
          'error',
          false,
        );
      const j = listed.findIndex(([p]) => p.metric === o.metric);
      if (j < i) this.problem([...at, 'metric'], `${o.metric} is already objective ${j + 1}.`, 'error', false);
      return { metric: o.metric, direction: o.direction ?? (greaterIsBetter(o.metric) ? 'maximize' : 'minimize') };
    });
    const on = listed[0][0].on ?? 'cv';
    listed.forEach(([o, at]) => {
      if ((o.on ?? 'cv') !== on)
        this.problem(
          [...at, o.on ? 'on' : 'metric'],
          `Every objective is measured on the same data: objective 1 is on ${on}, this one on ${o.on ?? 'cv'}.`,
          'error',
          false,
        );
    });
    return { objectives, on };
  }

  constraints(raw: RawStudy): ConstraintSpec[] {
    const known = [...METRICS[this.pipeline.task], ...CONSTRAINT_MEASURES];
    const out: ConstraintSpec[] = [];
    (raw.constraints ?? []).forEach((text, i) => {
      const at: Path = [...this.at, 'constraints', i];
      const m = /^(\s*)([A-Za-z_]\w*)(\s*)(<=|>=|<|>|==|=<|=>|!=)?(\s*)(.*?)\s*$/.exec(text);
      if (!m) {
        this.reader.problemInside(
          at,
          0,
          `A constraint is "name <= value" (e.g. "model_size_kb <= 500"): got "${text}".`,
        );
        return;
      }
      const [, lead, name, gap, op, gap2, number] = m;
      const opAt = lead.length + name.length + gap.length;
      const valueAt = opAt + (op ?? '').length + gap2.length;
      if (!known.includes(name)) {
        this.reader.problemInside(
          at,
          lead.length,
          `"${name}" is not something a trial measures: use a ${this.pipeline.task} metric or ${CONSTRAINT_MEASURES.join(', ')}.`,
        );
        return;
      }
      if (!op || !['<=', '>=', '<', '>'].includes(op)) {
        this.reader.problemInside(at, opAt, `A constraint compares with <=, <, >= or >${op ? ` (got ${op})` : ''}.`);
        return;
      }
      const value = Number(number);
      if (number === '' || !Number.isFinite(value)) {
        this.reader.problemInside(
          at,
          valueAt,
          `"${number}" is not a number: a constraint is "${name} ${op} <number>".`,
        );
        return;
      }
      out.push({ name, op: op as ConstraintOp, value });
    });
    return out;
  }

  /** Options written for another kind than the chosen one are ignored, with a warning. */
  private ignored(key: 'sampler' | 'pruner', raw: Record<string, unknown>, kind: string, allowed: string[]): void {
    for (const option of Object.keys(raw))
      if (option !== 'kind' && option !== 'seed' && !allowed.includes(option))
        this.problem([key, option], `Ignored: ${option} is not an option of the ${kind} ${key}.`, 'warning');
  }

  sampler(raw: RawStudy, seed: number): SamplerSpec {
    const s = raw.sampler ?? {};
    const kind = s.kind ?? 'tpe';
    this.ignored('sampler', s, kind, SAMPLER_OPTIONS[kind]);
    const samplerSeed = s.seed ?? seed;
    if (kind === 'random') return { kind, seed: samplerSeed };
    if (kind === 'grid')
      return {
        kind,
        seed: samplerSeed,
        maxCombinations: (s.maxCombinations as number | undefined) ?? STUDY_DEFAULTS.maxGridCombinations,
      };
    const optunaCompat = (s.optunaCompat as boolean | undefined) ?? false;
    const defaults = optunaCompat ? OPTUNA_TPE_DEFAULTS : TPE_DEFAULTS;
    const multivariate = (s.multivariate as boolean | undefined) ?? defaults.multivariate;
    const group = (s.group as boolean | undefined) ?? false;
    if (group && !multivariate)
      this.problem(
        ['sampler', 'group'],
        'group models parameters jointly: it needs multivariate: true.',
        'error',
        false,
      );
    return {
      kind,
      seed: samplerSeed,
      optunaCompat,
      multivariate,
      group,
      startupTrials: (s.startupTrials as number | undefined) ?? defaults.startupTrials,
      eiCandidates: (s.eiCandidates as number | undefined) ?? defaults.eiCandidates,
      constantLiar: (s.constantLiar as boolean | undefined) ?? false,
    };
  }

  pruner(raw: RawStudy, objectives: number): PrunerSpec {
    const p = (raw.pruner ?? {}) as Record<string, number | undefined> & { kind?: PrunerSpec['kind'] };
    let kind = p.kind ?? 'median';
    this.ignored('pruner', p, kind, PRUNER_OPTIONS[kind]);
    if (objectives > 1 && kind !== 'none') {
      if (raw.pruner?.kind)
        this.problem(
          ['pruner', 'kind'],
          'Ignored: pruning compares one objective; a study with several objectives does not prune.',
          'warning',
          false,
        );
      kind = 'none';
    }
    switch (kind) {
      case 'none':
        return { kind };
      case 'median':
        return {
          kind,
          startupTrials: p.startupTrials ?? STUDY_DEFAULTS.median.startupTrials,
          warmupSteps: p.warmupSteps ?? STUDY_DEFAULTS.median.warmupSteps,
          intervalSteps: p.intervalSteps ?? STUDY_DEFAULTS.median.intervalSteps,
        };
      case 'successive_halving':
        return {
          kind,
          minResource: p.minResource ?? 'auto',
          reductionFactor: p.reductionFactor ?? STUDY_DEFAULTS.successiveHalving.reductionFactor,
          minEarlyStoppingRate: p.minEarlyStoppingRate ?? STUDY_DEFAULTS.successiveHalving.minEarlyStoppingRate,
        };
      case 'hyperband': {
        const minResource = p.minResource ?? STUDY_DEFAULTS.hyperband.minResource;
        if (p.maxResource !== undefined && p.maxResource < minResource)
          this.problem(
            ['pruner', 'maxResource'],
            `maxResource (${p.maxResource}) is below minResource (${minResource}).`,
            'error',
            false,
          );
        return {
          kind,
          minResource,
          maxResource: p.maxResource ?? 'auto',
          reductionFactor: p.reductionFactor ?? STUDY_DEFAULTS.hyperband.reductionFactor,
        };
      }
    }
  }

  budgetAndStages(raw: RawStudy): { budget: BudgetSpec; stages: StageSpec[] } {
    const b = raw.budget ?? {};
    const stages: StageSpec[] = (raw.stages ?? []).map((s, i) => {
      if (i === 0) {
        if (s.narrow)
          this.problem(
            ['stages', 0, 'narrow'],
            'Ignored: the first stage searches the whole space; narrow applies from the second stage on.',
            'warning',
          );
        return { trials: s.trials };
      }
      return {
        trials: s.trials,
        narrow: {
          top: s.narrow?.top ?? STUDY_DEFAULTS.narrow.top,
          margin: s.narrow?.margin ?? STUDY_DEFAULTS.narrow.margin,
        },
      };
    });
    const staged = stages.reduce((sum, s) => sum + s.trials, 0);
    if (stages.length && b.trials !== undefined && b.trials !== staged)
      this.problem(
        ['budget', 'trials'],
        `The stages add up to ${staged} trials and budget.trials says ${b.trials}: make them agree (or leave budget.trials out).`,
        'error',
        false,
      );
    const trials = b.trials ?? (stages.length ? staged : STUDY_DEFAULTS.trials);
    if (
      b.trialTimeoutSeconds !== undefined &&
      b.timeoutSeconds !== undefined &&
      b.trialTimeoutSeconds > b.timeoutSeconds
    )
      this.problem(
        ['budget', 'trialTimeoutSeconds'],
        `A trial may take ${b.trialTimeoutSeconds} s, longer than the whole study (timeoutSeconds: ${b.timeoutSeconds}).`,
        'warning',
        false,
      );
    const budget: BudgetSpec = { trials };
    if (b.timeoutSeconds !== undefined) budget.timeoutSeconds = b.timeoutSeconds;
    if (b.trialTimeoutSeconds !== undefined) budget.trialTimeoutSeconds = b.trialTimeoutSeconds;
    return { budget, stages: stages.length ? stages : [{ trials }] };
  }
}

/**
 * Parses a study. `section: true` reads the `tuning:` section of a pipeline.yaml (whose models
 * `pipeline` describes); otherwise `text` is a tuning.yaml, which names its pipeline spec in `spec:`.
 */
export function parseStudySpec(
  text: string,
  pipeline: StudyPipeline,
  options: { section?: boolean } = {},
): ParsedStudySpec {
  const parsed = parseYaml(text);
  const problems = [...parsed.problems];
  if (problems.some((p) => p.severity === 'error')) return { problems };
  const doc = parsed.value as Record<string, unknown> | null | undefined;
  const raw = options.section && doc && typeof doc === 'object' ? doc.tuning : doc;
  if (raw === null || raw === undefined || typeof raw !== 'object' || Array.isArray(raw)) {
    const message = options.section
      ? raw === undefined || raw === null
        ? 'The pipeline spec has no tuning section: add tuning: with at least a space (or write a tuning.yaml).'
        : 'The tuning section must be a mapping of keys (objective, sampler, budget, space ...).'
      : raw === undefined || raw === null
        ? 'The tuning file is empty: it needs version: 1, spec: (the pipeline spec) and a space.'
        : 'The tuning file must be a mapping of keys (version, spec, objective, sampler, budget, space ...).';
    const at = options.section && doc && typeof doc === 'object' && 'tuning' in doc ? ['tuning'] : [];
    return { problems: [...problems, { message, ...parsed.rangeOf(at, true), severity: 'error', path: at }] };
  }
  const at: Path = options.section ? ['tuning'] : [];
  problems.push(...checkAgainstSchema(parsed, options.section ? sectionSchema : schema, at));
  if (problems.some((p) => p.severity === 'error')) return { problems };

  const study = raw as RawStudy;
  const reader = new SpecReader(parsed, text);
  const r = new StudyReader(reader, at, pipeline);
  if (options.section) {
    if (study.spec !== undefined)
      r.problem(
        ['spec'],
        'The tuning section tunes the pipeline spec it is in: spec: belongs to a separate tuning.yaml.',
      );
    if (study.version !== undefined)
      r.problem(['version'], "The tuning section has no version of its own: the pipeline spec's version covers it.");
  } else if (study.spec === undefined) {
    reader.problem([], 'A tuning file names the pipeline spec it tunes: add spec: (e.g. spec: pipeline.yaml).');
  }
  const { objectives, on } = r.objectives(study);
  const constraints = r.constraints(study);
  const seed = study.seed ?? study.sampler?.seed ?? pipeline.seed ?? DEFAULT_SEED;
  const sampler = r.sampler(study, seed);
  const pruner = r.pruner(study, objectives.length);
  const { budget, stages } = r.budgetAndStages(study);
  const compiled = compileSpace(reader, study.space, [...at, 'space'], pipeline);
  if (sampler.kind === 'grid' && !reader.failed) checkGrid(r, study, compiled, sampler.maxCombinations, budget);

  problems.push(...reader.problems);
  if (reader.failed) return { problems };
  const spec: StudySpec = {
    version: 1,
    ...(study.spec !== undefined && !options.section ? { pipelineSpec: study.spec } : {}),
    objectives,
    on,
    constraints,
    sampler,
    pruner,
    budget,
    parallel: study.parallel ?? STUDY_DEFAULTS.parallel,
    seed,
    stages,
    space: compiled.space,
    models: compiled.models,
    gridPoints: compiled.gridPoints,
  };
  return { spec, problems };
}

/** A grid study: every float range has its values, and the grid fits the limit (refused before it starts). */
function checkGrid(
  r: StudyReader,
  study: RawStudy,
  compiled: ReturnType<typeof compileSpace>,
  maxCombinations: number,
  budget: BudgetSpec,
): void {
  let complete = true;
  for (const def of compiled.space.params) {
    try {
      gridValues(def, compiled.gridPoints[def.name]);
    } catch (error) {
      if (!(error instanceof GridError)) throw error;
      r.problem(['space', ...def.name.split('.')], error.message);
      complete = false;
    }
  }
  if (!complete) return;
  try {
    const size = checkGridSize(compiled.space, { points: compiled.gridPoints, maxCombinations });
    if (study.budget?.trials !== undefined && budget.trials > size)
      r.problem(
        ['budget', 'trials'],
        `The grid has ${size} combinations: the study ends after ${size} trials.`,
        'warning',
        false,
      );
  } catch (error) {
    if (!(error instanceof GridError)) throw error;
    r.problem(study.sampler?.kind ? ['sampler', 'kind'] : ['space'], error.message, 'error', false);
  }
}
