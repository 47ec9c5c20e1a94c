// Declarative parameter checking for the model kinds in this folder: each kind lists its
// parameters (type, range, allowed values) once, and `checkParams` fills defaults, rejects unknown
// names and reports a bad value with the parameter's name and what is allowed (ModelParamError).
import { ModelParamError, type ModelParams } from '../estimator';

export type ParamRule =
  | {
      type: 'number';
      min?: number;
      max?: number;
      minExclusive?: boolean;
      maxExclusive?: boolean;
      integer?: boolean;
      nullable?: boolean;
    }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'numbers'; nullable?: boolean; min?: number };

function describeRange(rule: Extract<ParamRule, { type: 'number' }>): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  const parts: string[] = [];
  if (rule.min !== undefined) parts.push(`${rule.minExclusive ? '>' : '≥'} ${rule.min}`);
  if (rule.max !== undefined) parts.push(`${rule.maxExclusive ? '<' : '≤'} ${rule.max}`);
  return `${kind}${parts.length ? ' ' + parts.join(' and ') : ''}${rule.nullable ? ' (or null)' : ''}`;
}

function checkOne(kind: string, name: string, value: unknown, rule: ParamRule): unknown {
  const shown = JSON.stringify(value);
  switch (rule.type) {
    case 'number': {
      if (value === null && rule.nullable) return null;
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!rule.integer || Number.isInteger(value)) &&
        (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
        (rule.max === undefined || (rule.maxExclusive ? value < rule.max : value <= rule.max));
      if (!ok) throw new ModelParamError(kind, name, `expected ${describeRange(rule)}, got ${shown}.`);
      return value;
    }
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) {
        throw new ModelParamError(
          kind,
          name,
          `expected one of ${rule.values.map((v) => `"${v}"`).join(', ')}, got ${shown}.`,
        );
      }
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new ModelParamError(kind, name, `expected true or false, got ${shown}.`);
      return value;
    case 'numbers': {
      if (value === null && rule.nullable) return null;
      const ok =
        Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => typeof v === 'number' && Number.isFinite(v) && (rule.min === undefined || v >= rule.min));
      if (!ok)
        throw new ModelParamError(
          kind,
          name,
          `expected a non-empty list of numbers${rule.min !== undefined ? ` ≥ ${rule.min}` : ''}${rule.nullable ? ' (or null)' : ''}, got ${shown}.`,
        );
      return [...(value as number[])];
    }
  }
}

/** Fills `defaults` with the user's values after checking each; unknown names are errors. */
export function checkParams<P extends ModelParams>(
  kind: string,
  raw: ModelParams,
  defaults: P,
  rules: Record<keyof P, ParamRule>,
): P {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ModelParamError(
      kind,
      '(all)',
      `parameters must be a mapping of names to values, got ${JSON.stringify(raw)}.`,
    );
  }
  const allowed = Object.keys(rules);
  const out: ModelParams = { ...defaults };
  for (const [name, value] of Object.entries(raw)) {
    if (!allowed.includes(name)) {
      throw new ModelParamError(kind, name, `unknown parameter; allowed: ${allowed.join(', ')}.`);
    }
    if (value === undefined) continue;
    out[name] = checkOne(kind, name, value, rules[name as keyof P]);
  }
  return out as P;
}
