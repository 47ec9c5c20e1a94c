// Which parameters of a space a trial has: a conditional parameter exists only when every one
// of its conditions holds on the parameters sampled before it.
import type { ParamDef, Params } from './types';

export function isActive(def: ParamDef, params: Params): boolean {
  if (!def.conditions) return true;
  return def.conditions.every((c) => c.param in params && c.values.some((v) => v === params[c.param]));
}
