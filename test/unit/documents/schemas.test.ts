import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CURRENT_VERSION,
  LIFECYCLE_DOCUMENT_KINDS,
  SCHEMA_FILES,
  schemaFor,
} from '../../../src/core/documents/schemaRegistry';
import { metricNames } from '../../../src/core/model/metrics/index';
import { REPO, strictAjv } from './documentTestKit';

type Schema = Record<string, unknown>;

/** Every property schema (under properties / patternProperties / additionalProperties / items / definitions), with its path. */
function propertySchemas(schema: Schema, path = '#'): Array<[string, Schema]> {
  const out: Array<[string, Schema]> = [];
  const visit = (s: unknown, p: string, isProperty: boolean) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    const node = s as Schema;
    if (isProperty) out.push([p, node]);
    for (const key of ['properties', 'patternProperties', 'definitions'] as const) {
      const children = node[key] as Record<string, unknown> | undefined;
      for (const [name, child] of Object.entries(children ?? {}))
        visit(child, `${p}/${key}/${name}`, key !== 'definitions');
      if (key === 'definitions')
        for (const [name, child] of Object.entries(children ?? {}))
          out.push([`${p}/definitions/${name}`, child as Schema]);
    }
    if (node.items) visit(node.items, `${p}/items`, true);
    if (node.additionalProperties && typeof node.additionalProperties === 'object')
      visit(node.additionalProperties, `${p}/additionalProperties`, true);
    for (const key of ['oneOf', 'anyOf'] as const)
      (node[key] as unknown[] | undefined)?.forEach((c, i) => visit(c, `${p}/${key}/${i}`, false));
  };
  visit(schema, path, false);
  return out;
}

describe('document schemas', () => {
  test('every schema file in schemas/ compiles in strict ajv', () => {
    for (const file of readdirSync(join(REPO, 'schemas'))) {
      const schema = JSON.parse(readFileSync(join(REPO, 'schemas', file), 'utf8'));
      assert.doesNotThrow(() => strictAjv().compile(schema), file);
    }
  });

  test('the registry has a schema for every kind, the same object as its file, and a current version', () => {
    for (const kind of LIFECYCLE_DOCUMENT_KINDS) {
      const file = JSON.parse(readFileSync(join(REPO, SCHEMA_FILES[kind]), 'utf8'));
      assert.deepEqual(schemaFor(kind), file, kind);
      assert.equal(schemaFor(kind), schemaFor(kind), 'same object: validators are cached by identity');
      const version = (file.properties as Schema).version as Schema;
      assert.ok(version, `${kind} has a version property`);
      assert.equal(version.const, CURRENT_VERSION[kind], `${kind}: schema version is the current one`);
      assert.ok(typeof version.description === 'string');
    }
  });

  for (const kind of ['charter', 'modelCard', 'decisions'] as const) {
    test(`${kind}: every property has a description (completion and hover show it), objects are closed`, () => {
      const schema = schemaFor(kind) as Schema;
      assert.ok(typeof schema.description === 'string' && typeof schema.title === 'string');
      const props = propertySchemas(schema);
      assert.ok(props.length > 5);
      for (const [path, s] of props) {
        if (s.$ref && s.description === undefined) continue; // the definition it points to has one
        assert.equal(typeof s.description, 'string', `${path} has a description`);
        if (s.type === 'object' && s.properties) assert.equal(s.additionalProperties, false, `${path} is closed`);
      }
    });
  }

  test('the charter names exactly the metrics the trainer computes', () => {
    const kpi = ((schemaFor('charter') as Schema).definitions as Record<string, Schema>).kpi;
    const metric = (kpi.properties as Record<string, Schema>).metric;
    const known = new Set([
      ...metricNames('classification', 2),
      ...metricNames('classification', 3),
      ...metricNames('regression'),
    ]);
    for (const example of metric.examples as string[])
      assert.ok(known.has(example), `example ${example} is a known metric`);
    for (const name of known)
      assert.match(metric.description as string, new RegExp(`\\b${name}\\b`), `${name} is listed in the description`);
  });
});
