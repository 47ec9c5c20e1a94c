// What the report says about each kind of alert: a label, how serious it is, and the order the
// overview lists them in (the most consequential first: a leak of the target before a skew).
// Pure, so it is unit-tested in Node.
import type { Alert, AlertType } from '../../src/core/profile/profileTypes';

export type AlertSeverity = 'error' | 'warning' | 'info';

interface AlertKind {
  label: string;
  severity: AlertSeverity;
}

/** In display order. */
const ALERT_KINDS: Record<AlertType, AlertKind> = {
  leakage: { label: 'Target leakage', severity: 'error' },
  empty: { label: 'Empty', severity: 'error' },
  constant: { label: 'Constant', severity: 'warning' },
  unsupported: { label: 'Unsupported', severity: 'warning' },
  duplicates: { label: 'Duplicates', severity: 'warning' },
  column_name: { label: 'Column name', severity: 'warning' },
  stray_values: { label: 'Stray values', severity: 'warning' },
  mixed_dates: { label: 'Mixed date formats', severity: 'warning' },
  missing_marker: { label: 'Missing marker', severity: 'warning' },
  missing: { label: 'Missing', severity: 'warning' },
  high_correlation: { label: 'High correlation', severity: 'warning' },
  imbalance: { label: 'Imbalance', severity: 'warning' },
  skewed: { label: 'Skewed', severity: 'warning' },
  infinite: { label: 'Infinite', severity: 'warning' },
  zeros: { label: 'Zeros', severity: 'info' },
  high_cardinality: { label: 'High cardinality', severity: 'info' },
  unique: { label: 'Unique', severity: 'info' },
  constant_length: { label: 'Constant length', severity: 'info' },
  uniform: { label: 'Uniform', severity: 'info' },
  type_date: { label: 'Date as text', severity: 'info' },
};

const ORDER = Object.keys(ALERT_KINDS) as AlertType[];

export function alertLabel(type: AlertType): string {
  return ALERT_KINDS[type]?.label ?? type;
}

export function alertSeverity(type: AlertType): AlertSeverity {
  return ALERT_KINDS[type]?.severity ?? 'warning';
}

/**
 * Alerts in reading order: by kind (leakage first), then by the column's place in the file,
 * dataset-level alerts before column ones of the same kind. Does not change `alerts`.
 */
export function sortAlerts(alerts: readonly Alert[], columnOrder: readonly string[]): Alert[] {
  const position = new Map(columnOrder.map((name, i) => [name, i]));
  const rank = (type: AlertType) => {
    const i = ORDER.indexOf(type);
    return i < 0 ? ORDER.length : i;
  };
  const place = (alert: Alert) => (alert.column === null ? -1 : (position.get(alert.column) ?? columnOrder.length));
  return [...alerts].sort((a, b) => rank(a.type) - rank(b.type) || place(a) - place(b));
}

/** The alerts that concern each column (a pairwise alert concerns both of its columns). */
export function alertsByColumn(alerts: readonly Alert[]): Map<string, Alert[]> {
  const byColumn = new Map<string, Alert[]>();
  const add = (column: string, alert: Alert) => {
    const list = byColumn.get(column);
    if (list) list.push(alert);
    else byColumn.set(column, [alert]);
  };
  for (const alert of alerts) {
    if (alert.column !== null) add(alert.column, alert);
    if (alert.otherColumn !== undefined && alert.otherColumn !== alert.column) add(alert.otherColumn, alert);
  }
  return byColumn;
}
