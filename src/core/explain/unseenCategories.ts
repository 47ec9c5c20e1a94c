// Rows whose category was never seen in training, when the spec accepts them
// (preprocess.encode.unknown: ignore): the model sees "no known category" there, and the
// explanation explains that — which the result must say, naming the rows, not leave to be guessed.
import type { Frame } from '../model/frame';
import type { FittedPipeline } from '../model/pipeline/fittedPipeline';

const LISTED = 3;

export function unseenCategoryNotices(pipeline: FittedPipeline, frame: Frame, rows: readonly number[]): string[] {
  const notices: string[] = [];
  for (const plan of pipeline.toJSON().plans) {
    if (plan.kind === 'numeric') continue;
    const column = frame.columns.find((c) => c.name === plan.column);
    if (!column || column.type !== 'categorical') continue;
    const known = new Set(plan.kind === 'onehot' ? [...plan.categories, ...plan.infrequent] : plan.categories);
    const seen: string[] = [];
    let count = 0;
    for (let i = 0; i < frame.rows; i++) {
      const v = column.values[i] ?? plan.fill;
      if (known.has(v)) continue;
      count++;
      if (seen.length < LISTED)
        seen.push(`"${v ?? 'missing'}" (row ${rows[i]}${frame.lineNumbers ? `, line ${frame.lineNumbers[i]}` : ''})`);
    }
    if (count > 0)
      notices.push(
        `${plan.column} has ${count} value${count > 1 ? 's' : ''} never seen in training: ${seen.join(', ')}${count > LISTED ? ', …' : ''}. The spec accepts them (encode.unknown: ignore) as no known category, so their rows are explained as the model sees them: with ${plan.column} matching none of its training categories.`,
      );
  }
  return notices;
}
