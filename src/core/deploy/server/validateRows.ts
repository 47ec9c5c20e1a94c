// Request rows checked against the signature, then predicted: every bad value is a 400 naming
// its row and field (checkRows), and a model that still throws on checked rows is a 400 too, as
// in MLflow ("an unexpected error while evaluating the model"), never a 500 with its details.
import { checkRows } from '../signature';
import { badRequest } from './errors';
import type { ServedModel } from './loadServedModel';
import { predictRows, type Predictions } from './predictor';

export function checkedPredict(
  model: ServedModel,
  rows: unknown[],
): { rows: Array<Record<string, unknown>>; predictions: Predictions } {
  const check = checkRows(model.signature, rows, 20);
  if (!check.ok) {
    const first = check.errors[0];
    const more = check.errors.length + check.moreErrors - 1;
    throw badRequest(
      `${first.message}${more > 0 ? ` (and ${more} more error${more > 1 ? 's' : ''})` : ''}`,
      check.errors,
    );
  }
  const records = rows as Array<Record<string, unknown>>;
  try {
    return { rows: records, predictions: predictRows(model, records) };
  } catch (error) {
    throw badRequest(`Encountered an error while evaluating the model: ${(error as Error).message}`);
  }
}
