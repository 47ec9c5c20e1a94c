// The fitted model of the tree kinds: one tree (decision_tree) or many (random_forest). Predicts
// by averaging the trees' leaf values (class fractions or means), saves itself compactly (bin
// edges once, then per tree its preorder features, split codes and leaf values) and loads back.
import type { Matrix } from '../../matrix';
import { ModelFormatError, type FittedModel, type SerializedModel, type Task } from '../estimator';
import {
  accumulateLeafValues,
  deserializeTree,
  rowMajorValues,
  serializeTree,
  type FlatTree,
  type SerializedTree,
} from './flatTree';

export const TREE_STATE_VERSION = 1;

interface EnsembleState {
  edges: number[][];
  trees: SerializedTree[];
  importances: number[];
  info: Record<string, number | string | boolean>;
}

export class TreeEnsembleModel implements FittedModel {
  readonly predictProba?: (X: Matrix) => Float64Array;

  constructor(
    readonly kind: string,
    readonly task: Task,
    readonly nFeatures: number,
    readonly classes: string[] | undefined,
    readonly trees: FlatTree[],
    readonly edges: Float64Array[],
    private readonly importances: Float64Array,
    readonly info: Record<string, number | string | boolean>,
  ) {
    if (task === 'classification') this.predictProba = (X) => this.average(X);
  }

  private checkInput(X: Matrix): void {
    if (X.cols !== this.nFeatures)
      throw new Error(`${this.kind}: the model was fitted on ${this.nFeatures} features, but the data has ${X.cols}.`);
  }

  /** Mean of the trees' leaf values, row-major rows × outputs. */
  private average(X: Matrix): Float64Array {
    this.checkInput(X);
    const outputs = this.task === 'classification' ? this.classes!.length : 1;
    const out = new Float64Array(X.rows * outputs);
    const scale = 1 / this.trees.length;
    const values = rowMajorValues(X);
    for (const tree of this.trees) accumulateLeafValues(tree, values, X.rows, X.cols, out, scale);
    return out;
  }

  predict(X: Matrix): Float64Array {
    const values = this.average(X);
    if (this.task === 'regression') return values;
    const k = this.classes!.length;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (values[i * k + c] > values[i * k + best]) best = c;
      out[i] = best;
    }
    return out;
  }

  featureImportances(): Float64Array {
    return this.importances.slice();
  }

  toJSON(): SerializedModel {
    const state: EnsembleState = {
      edges: this.edges.map((e) => Array.from(e)),
      trees: this.trees.map(serializeTree),
      importances: Array.from(this.importances),
      info: this.info,
    };
    return {
      kind: this.kind,
      version: TREE_STATE_VERSION,
      task: this.task,
      nFeatures: this.nFeatures,
      classes: this.classes,
      state,
    };
  }
}

/** Loads a saved tree model of `kind`, checking the version and the structure. */
export function loadTreeEnsemble(saved: SerializedModel, kind: string): TreeEnsembleModel {
  if (saved.kind !== kind) throw new ModelFormatError(`Expected a ${kind} model, got "${saved.kind}".`);
  if (typeof saved.version !== 'number' || saved.version > TREE_STATE_VERSION) {
    throw new ModelFormatError(
      `This ${kind} model was saved in format version ${saved.version}, newer than this version of ML Lifecycle reads (${TREE_STATE_VERSION}); update ML Lifecycle.`,
    );
  }
  if (saved.version < 1) throw new ModelFormatError(`Unknown ${kind} model format version ${saved.version}.`);
  const state = saved.state as Partial<EnsembleState> | null;
  const task = saved.task;
  if (task !== 'classification' && task !== 'regression')
    throw new ModelFormatError(`The saved ${kind} model has an unknown task "${String(task)}".`);
  if (
    !state ||
    !Array.isArray(state.edges) ||
    !Array.isArray(state.trees) ||
    state.trees.length === 0 ||
    !Array.isArray(state.importances)
  ) {
    throw new ModelFormatError(`The saved ${kind} model is damaged: its state lacks edges, trees or importances.`);
  }
  const nFeatures = saved.nFeatures;
  if (!Number.isInteger(nFeatures) || state.edges.length !== nFeatures || state.importances.length !== nFeatures) {
    throw new ModelFormatError(
      `The saved ${kind} model is damaged: it has ${state.edges.length} bin edge lists and ${state.importances.length} importances for ${nFeatures} features.`,
    );
  }
  const classes = saved.classes;
  if (task === 'classification' && (!Array.isArray(classes) || classes.length === 0))
    throw new ModelFormatError(`The saved ${kind} model has no classes.`);
  const edges = state.edges.map((e) => Float64Array.from(e));
  const outputs = task === 'classification' ? classes!.length : 1;
  const trees = state.trees.map((t) => deserializeTree(t, edges, outputs));
  return new TreeEnsembleModel(
    kind,
    task,
    nFeatures,
    task === 'classification' ? classes : undefined,
    trees,
    edges,
    Float64Array.from(state.importances),
    state.info ?? {},
  );
}
