// Small edits of a parsed YAML mapping that keep every other key where it is, with its
// comments: what the document migrations are written with.
import { isMap, isNode, isScalar, isSeq, Scalar, YAMLMap, type Document, type Pair } from 'yaml';

/** The plain value of a key of `map` (undefined when absent). */
export function plainAt(map: YAMLMap, key: string): unknown {
  const node = map.get(key, true);
  return isNode(node) ? node.toJSON() : node;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
}

/** The nested mapping at `key`, when it is one. */
export function mapAt(map: YAMLMap, key: string): YAMLMap | undefined {
  const node = map.get(key, true);
  return isMap(node) ? node : undefined;
}

/** Sets `key` to `value`: in place when the key exists, else inserted at `index` (default: the end). */
export function setKey(doc: Document, map: YAMLMap, key: string, value: unknown, index = map.items.length): void {
  const pair = pairOf(map, key);
  const node = doc.createNode(value);
  if (pair) pair.value = node;
  else map.items.splice(Math.min(index, map.items.length), 0, doc.createPair(key, node));
}

/** Replaces `oldKey` with `newKey` at the same place (the value too when given). */
export function renameKey(doc: Document, map: YAMLMap, oldKey: string, newKey: string, value?: unknown): void {
  const pair = pairOf(map, oldKey);
  if (!pair) return;
  const index = map.items.indexOf(pair);
  map.items.splice(index, 1, doc.createPair(newKey, value === undefined ? pair.value : doc.createNode(value)));
}

export function deleteKey(map: YAMLMap, key: string): void {
  map.delete(key);
}

export function isEmptyValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** Items of the sequence at `key` that are strings are replaced by `{ [field]: text }`; returns how many. */
export function stringItemsToObjects(doc: Document, map: YAMLMap, key: string, field: string): number {
  const node = map.get(key, true);
  if (!isSeq(node)) return 0;
  let changed = 0;
  node.items = node.items.map((item) => {
    if (isScalar(item) && typeof item.value === 'string') {
      changed++;
      return doc.createNode({ [field]: item.value });
    }
    return item;
  });
  return changed;
}

/** A scalar node holding `value` (for in-place value edits). */
export function scalar(value: unknown): Scalar {
  return new Scalar(value);
}
