// The project overview report: a summary of the project, its datasets and its checklist,
// built from the same state as the sidebar. Summaries only: no data rows leave the worker.
import type { OverviewReport } from '../../protocol/webview';
import { field } from './evidence';
import type { PhaseView } from './model';
import { newestRecord } from './evidence';
import type { ProjectState } from './projectState';

export function buildOverviewReport(
  state: ProjectState,
  phases: PhaseView[],
  now = new Date(),
): OverviewReport | undefined {
  const project = state.projectFile.project;
  if (!project) return undefined;
  return {
    kind: 'overview',
    generatedAt: now.toISOString(),
    project: { name: project.name, task: project.task, target: project.target, root: state.root },
    datasets: state.datasets.map((d) => {
      const fact = newestRecord(state, 'inspection', d.role);
      const data = fact?.record.data;
      const columns = field(data, 'columns');
      return {
        role: d.role,
        path: d.path,
        exists: d.exists,
        inspection: fact && {
          rows: Number(field(data, 'rows') ?? 0),
          columns: Array.isArray(columns) ? columns.length : 0,
          sizeBytes: Number(field(data, 'sizeBytes') ?? fact.record.inputs[0]?.sizeBytes ?? 0),
          sha256: String(field(data, 'sha256') ?? fact.record.inputs[0]?.sha256 ?? ''),
          inspectedAt: fact.record.createdAt,
          stale: fact.inputs !== 'unchanged',
        },
      };
    }),
    phases: phases.map((phase) => ({
      id: phase.id,
      title: phase.title,
      items: phase.items.map((item) => ({
        id: item.id,
        title: item.title,
        status: item.status,
        detail: item.detail,
        command: item.action.command,
        commandArgs: item.action.args,
      })),
    })),
  };
}
