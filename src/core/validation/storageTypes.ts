// DuckDB storage types grouped the way checks care about them: a check on a numeric column can
// compare directly, one on a text column has to parse each value first (try_cast), and the
// difference decides what "not a number" means for a row.

export type StorageClass = 'integer' | 'float' | 'decimal' | 'boolean' | 'temporal' | 'text' | 'other';

export function storageClass(storageType: string): StorageClass {
  const type = storageType.toUpperCase();
  if (/^(U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT))$/.test(type)) return 'integer';
  if (type === 'FLOAT' || type === 'DOUBLE') return 'float';
  if (type.startsWith('DECIMAL')) return 'decimal';
  if (type === 'BOOLEAN') return 'boolean';
  if (/^(DATE|TIME|TIMESTAMP)/.test(type)) return 'temporal';
  if (type === 'VARCHAR') return 'text';
  return 'other';
}

export function isNumericClass(kind: StorageClass): boolean {
  return kind === 'integer' || kind === 'float' || kind === 'decimal';
}

/** How a report names a storage type for people. */
export function describeStorage(storageType: string): string {
  switch (storageClass(storageType)) {
    case 'integer':
      return `whole numbers (${storageType})`;
    case 'float':
    case 'decimal':
      return `numbers (${storageType})`;
    case 'boolean':
      return 'booleans (BOOLEAN)';
    case 'temporal':
      return `dates/times (${storageType})`;
    case 'text':
      return 'text (VARCHAR)';
    default:
      return storageType;
  }
}
