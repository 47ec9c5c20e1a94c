// The charter's KPIs (docs/charter.yaml `kpis: [{name, metric, threshold}]`) checked against a
// model's metrics: the same rule as the lifecycle sidebar (src/core/lifecycle/items/model.ts):
// the holdout value when there is one, else the cross-validated mean; the KPI's direction when
// given, else larger is better except for error and loss metrics.
import { readFile } from 'node:fs/promises';
import { fileSystemError, fsErrorCode } from '../../fsErrors';
import { meetsThreshold, metricValue, type RunModel } from '../../lifecycle/runSummary';
import { parseYaml } from '../../yaml/yamlDocument';
import type { KpiCheck } from '../runTypes';

export interface CharterKpi {
  metric: string;
  threshold: number;
  name?: string;
  /** at_least / at_most; default: the metric's usual direction. */
  direction?: 'at_least' | 'at_most';
}

/** The charter's KPIs; undefined when there is no charter file. Malformed entries are skipped. */
export async function readCharterKpis(charterFile: string): Promise<CharterKpi[] | undefined> {
  let text: string;
  try {
    text = await readFile(charterFile, 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return undefined;
    throw fileSystemError('read', `the charter ${charterFile}`, charterFile, error);
  }
  const parsed = parseYaml(text).value as { kpis?: unknown } | null;
  const kpis = parsed && typeof parsed === 'object' && Array.isArray(parsed.kpis) ? parsed.kpis : [];
  const out: CharterKpi[] = [];
  for (const k of kpis as Array<Record<string, unknown>>) {
    if (!k || typeof k !== 'object' || typeof k.metric !== 'string') continue;
    const threshold = Number(k.threshold);
    if (!Number.isFinite(threshold)) continue;
    const direction =
      k.direction === 'at_least' || k.direction === 'at_most'
        ? { direction: k.direction as CharterKpi['direction'] }
        : {};
    out.push({ metric: k.metric, threshold, ...(typeof k.name === 'string' ? { name: k.name } : {}), ...direction });
  }
  return out;
}

/** One check per KPI; a metric the model does not have fails (value absent). */
export function checkKpis(kpis: CharterKpi[], model: RunModel): KpiCheck[] {
  return kpis.map((k) => {
    const value = metricValue(model, k.metric);
    const pass = value !== undefined && meetsThreshold(k.metric, value, k.threshold, k.direction);
    return {
      metric: k.metric,
      threshold: k.threshold,
      ...(value !== undefined ? { value } : {}),
      pass,
      ...(k.name ? { name: k.name } : {}),
    };
  });
}

/** KPI checks of bare metric values (the evaluate job: one dataset, no CV). */
export function checkKpisOn(kpis: CharterKpi[], metrics: Record<string, number>): KpiCheck[] {
  return checkKpis(kpis, { name: '', kind: '', baseline: false, metrics: { holdout: metrics } });
}
