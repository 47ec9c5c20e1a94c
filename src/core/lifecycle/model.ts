// The shape of the lifecycle checklist: phases, items, and the status of each item.
import type { CommandId } from '../../protocol/commands';
import type { ProjectState } from './projectState';

export type PhaseId = 'problem' | 'data' | 'model' | 'deployment' | 'monitoring';

export const PHASES: ReadonlyArray<{ id: PhaseId; title: string }> = [
  { id: 'problem', title: 'Problem definition' },
  { id: 'data', title: 'Data collection and preparation' },
  { id: 'model', title: 'Model development and evaluation' },
  { id: 'deployment', title: 'Deployment' },
  { id: 'monitoring', title: 'Monitoring and maintenance' },
];

/**
 * missing: nothing shows the practice was done yet; stale: it was done, but on inputs that
 * changed since; passing / failing: the evidence says so; na: marked not applicable.
 */
export type ItemStatus = 'missing' | 'stale' | 'passing' | 'failing' | 'na';

export interface Evaluation {
  status: ItemStatus;
  /** One line on why: the file, the figure, the decision. */
  detail: string;
}

export interface ItemAction {
  label: string;
  command: CommandId;
  args?: unknown[];
}

export interface LifecycleItem {
  id: string;
  phase: PhaseId;
  title: string;
  /** The practice, in the words of the lifecycle it comes from. */
  practice: string;
  /** How the status is derived, for the help page: which file proves it. */
  evidence: string;
  /** A person confirms it with a decision record when no file can prove it. */
  confirmable?: boolean;
  action(state: ProjectState, evaluation: Evaluation): ItemAction;
  evaluate(state: ProjectState): Evaluation;
}

export interface ItemView {
  id: string;
  phase: PhaseId;
  title: string;
  status: ItemStatus;
  detail: string;
  action: ItemAction;
  confirmable: boolean;
}

export interface PhaseView {
  id: PhaseId;
  title: string;
  items: ItemView[];
}
