// Numbers computed in JavaScript and put back into SQL text: written so DuckDB reads exactly the
// same double (a plain literal like 0.1 would be read as a DECIMAL).
export function sqlDouble(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return `CAST('${String(value)}' AS DOUBLE)`;
}
