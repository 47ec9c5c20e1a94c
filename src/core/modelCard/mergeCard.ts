// Regenerating into an existing card, following the ownership rules of cardUnits.ts: machine
// values the user left alone are refreshed, drafted prose fills only what is empty, missing
// sections are appended, the generator's caveats are swapped for the new run's, and every
// other byte stays as it was (the user's prose, comments, order, quoting). A text that does not
// parse, or whose shape the merge cannot follow, is refused with its line and column.
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { isEmptyValue, pairOf, TextPatch } from '../dictionary/yamlSplice';
import { blockValue, inlineValue, renderEntries, rendersInline, SECTION_COMMENTS } from './cardRender';
import { isEmptyData, ownerOf, sameData, sectionUnits, valueHash } from './cardUnits';
import { cardErrorsAt } from './modelCardError';
import { MODEL_CARD_VERSION, type CardBaseline, type GeneratedInfo, type ModelCard } from './modelCardTypes';

export interface MergeContext {
  /** The card's path, for messages. */
  file: string;
  generated: GeneratedInfo;
  /** Whether a machine value (not equal to the new draft) is what the last generation wrote. */
  isOurs(unit: string, current: unknown): boolean;
  /** The caveats the last generation wrote. */
  previousCaveats: string[];
}

export interface MergeResult {
  text: string;
  changes: string[];
  baseline: CardBaseline;
}

type AnyPair = Pair<unknown, unknown>;
const keyRange = (pair: AnyPair) => (pair.key as Node).range!;
const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** True when a text holds a YAML comment (a `#` after a space or at a line start, outside quotes). Errs towards true. */
export function hasComment(text: string): boolean {
  for (const line of text.split('\n')) {
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (quote === "'" && c === "'" && line[i + 1] === "'")
          i++; // '' is a quote inside '...'
        else if (quote === '"' && c === '\\')
          i++; // an escaped character inside "..."
        else if (c === quote) quote = undefined;
      } else if ((c === '"' || c === "'") && (i === 0 || /[\s:[{,-]/.test(line[i - 1]))) {
        quote = c;
      } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
        return true;
      }
    }
  }
  return false;
}

class CardMerge {
  readonly patch: TextPatch;
  readonly changes: string[] = [];
  readonly fields: Record<string, string> = {};

  constructor(
    source: string,
    private readonly ctx: MergeContext,
  ) {
    this.patch = new TextPatch(source);
  }

  /** From just after a pair's colon to the end of its value's last line. */
  private valueRegion(pair: AnyPair): [number, number] {
    return [this.patch.source.indexOf(':', keyRange(pair)[1]) + 1, this.patch.pairEnd(pair)];
  }

  record(unit: string, value: unknown): void {
    if (ownerOf(unit) === 'machine') this.fields[unit] = valueHash(unit, value);
  }

  /** Writes `value` as the value of a pair of a block mapping. */
  replaceBlockValue(pair: AnyPair, value: unknown): void {
    const node = pair.value as Node | null;
    const [start, end] = this.valueRegion(pair);
    const inline = rendersInline(value);
    if (
      inline &&
      node?.range &&
      (isScalar(node) || (node as { flow?: boolean }).flow) &&
      !this.patch.source.slice(start, node.range[0]).includes('\n')
    ) {
      this.patch.replace(node.range[0], node.range[1], inlineValue(value));
    } else if (inline) {
      this.patch.replace(start, end, ` ${inlineValue(value)}${this.patch.eol}`);
    } else {
      this.patch.replace(
        start,
        end,
        this.patch.eol + blockValue(value, this.patch.column(keyRange(pair)[0]) + 2, this.patch.eol),
      );
    }
  }

  private replaceValue(pair: AnyPair, value: unknown, flow: boolean): void {
    const node = pair.value as Node | null;
    if (!flow) this.replaceBlockValue(pair, value);
    else if (node?.range) this.patch.replace(node.range[0], node.range[1], inlineValue(value));
    else this.patch.replace(keyRange(pair)[1], keyRange(pair)[1], `: ${inlineValue(value)}`);
  }

  /** Adds entries at the end of a mapping, in its style. */
  addEntries(map: YAMLMap, entries: Record<string, unknown>): void {
    if (Object.keys(entries).length === 0) return;
    const last = map.items[map.items.length - 1] as AnyPair | undefined;
    if (map.flow) {
      const items = Object.entries(entries)
        .map(([k, v]) => `${k}: ${inlineValue(v)}`)
        .join(', ');
      const close = this.patch.source.lastIndexOf('}', map.range![1]);
      if (last) this.patch.replace(this.patch.valueEnd(last), this.patch.valueEnd(last), `, ${items}`);
      else this.patch.replace(close, close, ` ${items} `);
      return;
    }
    const indent = last ? this.patch.column(keyRange(last)[0]) : this.patch.column(map.range![0]);
    this.patch.insertLines(
      last ? this.patch.pairEnd(last) : this.patch.lineEndAfter(map.range![0]),
      renderEntries(entries, indent, this.patch.eol),
    );
  }

  /** Adds items at the end of a non-empty sequence, in its style. */
  addItems(seq: YAMLSeq, items: unknown[]): void {
    if (items.length === 0) return;
    const last = seq.items[seq.items.length - 1] as Node;
    if (seq.flow) {
      this.patch.replace(last.range![1], last.range![1], items.map((i) => `, ${inlineValue(i)}`).join(''));
      return;
    }
    const at = this.patch.lineEndAfter(Math.max(seq.range![1], last.range![1]) - 1);
    this.patch.insertLines(at, blockValue(items, this.patch.column(seq.range![0]), this.patch.eol));
  }

  /** One unit present in the card. */
  mergeUnit(unit: string, pair: AnyPair, current: unknown, drafted: unknown, flow: boolean): void {
    if (sameData(current, drafted)) {
      this.record(unit, drafted);
      return;
    }
    const empty = isEmptyData(current);
    if (!empty && ownerOf(unit) === 'seed') return; // the user's prose
    const [start, end] = this.valueRegion(pair);
    if (!empty && (!this.ctx.isOurs(unit, current) || (!flow && hasComment(this.patch.source.slice(start, end))))) {
      this.changes.push(`${unit}: kept (edited by you)`);
      return;
    }
    this.replaceValue(pair, drafted, flow);
    this.record(unit, drafted);
    this.changes.push(`${unit}: ${empty ? 'filled' : 'refreshed'}`);
  }

  /** A `{ }` section holding only empty values and the generator's own may be rewritten as a block. */
  private canReflow(
    section: string,
    map: YAMLMap,
    current: Record<string, unknown>,
    drafted: Record<string, unknown>,
  ): boolean {
    if (hasComment(this.patch.source.slice(map.range![0], map.range![1]))) return false;
    return Object.entries(current).every(
      ([key, value]) =>
        isEmptyData(value) ||
        (key in drafted &&
          (sameData(value, drafted[key]) ||
            (ownerOf(`${section}.${key}`) === 'machine' && this.ctx.isOurs(`${section}.${key}`, value)))),
    );
  }

  /** Writes a whole section's draft (into an empty value, or over a `{ }` of empty values). */
  private fillSection(section: string, pair: AnyPair, value: unknown): void {
    this.replaceBlockValue(pair, value);
    for (const [unit, , inner] of sectionUnits(section, value)) this.record(unit, inner);
    this.changes.push(`${section}: filled`);
  }

  mergeMapSection(section: string, pair: AnyPair, current: unknown, drafted: Record<string, unknown>): void {
    const node = pair.value;
    if (isEmptyValue(node) || (isScalar(node) && isEmptyData(current))) return this.fillSection(section, pair, drafted);
    if (!isMap(node)) {
      this.changes.push(`${section}: kept (yours, not a mapping)`);
      return;
    }
    const existing = asRecord(current);
    if (node.flow && this.canReflow(section, node, existing, drafted)) {
      const merged: Record<string, unknown> = {};
      for (const key of Object.keys(existing)) merged[key] = key in drafted ? drafted[key] : existing[key];
      for (const [key, value] of Object.entries(drafted)) if (!(key in merged)) merged[key] = value;
      return this.fillSection(section, pair, merged);
    }
    const additions: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(drafted)) {
      const inner = pairOf(node, key);
      const unit = `${section}.${key}`;
      if (inner) {
        this.mergeUnit(unit, inner, existing[key], value, node.flow === true);
      } else {
        additions[key] = value;
        this.record(unit, value);
        this.changes.push(`${unit}: added`);
      }
    }
    this.addEntries(node, additions);
  }

  /** factors: the sensitive columns not listed yet are added; the user's entries stay. */
  mergeFactors(pair: AnyPair, current: unknown, drafted: ModelCard['factors']): void {
    const node = pair.value;
    if (isEmptyValue(node)) return this.fillSection('factors', pair, drafted);
    if (!isSeq(node)) return;
    const names = new Set((Array.isArray(current) ? current : []).map((f) => asRecord(f).name));
    const missing = drafted.filter((f) => !names.has(f.name));
    this.addItems(node, missing);
    if (missing.length) this.changes.push(`factors: added ${missing.map((f) => f.name).join(', ')}`);
  }

  /** caveatsAndRecommendations: the last generation's sentences make way for this run's; the user's stay. */
  mergeCaveats(pair: AnyPair, current: unknown, drafted: string[]): void {
    const node = pair.value;
    if (isEmptyValue(node)) return this.fillSection('caveatsAndRecommendations', pair, drafted);
    if (!isSeq(node)) return;
    const items = Array.isArray(current) ? current : [];
    const obsolete = node.items.filter(
      (_item, i) =>
        typeof items[i] === 'string' &&
        this.ctx.previousCaveats.includes(items[i] as string) &&
        !drafted.includes(items[i] as string),
    );
    const added = drafted.filter((c) => !items.includes(c));
    if (obsolete.length === 0 && added.length === 0) return;
    if (node.flow) {
      this.changes.push('caveatsAndRecommendations: kept (written on one line; regenerate after making it a list)');
      return;
    }
    for (const item of obsolete as Node[]) {
      const start = this.patch.lineStart(item.range![0]);
      this.patch.replace(start, this.patch.lineEndAfter(item.range![1] - 1), '');
    }
    if (obsolete.length === node.items.length) {
      this.patch.insertLines(
        this.patch.lineStart((node.items[0] as Node).range![0]),
        blockValue(added, this.patch.column(node.range![0]), this.patch.eol),
      );
    } else {
      this.addItems(node, added);
    }
    this.changes.push(
      `caveatsAndRecommendations: ${added.length} added, ${obsolete.length} from the last generation removed`,
    );
  }
}

/** Where the generated block starts: at our own comment line right above it, when it is there. */
function commentAbove(patch: TextPatch, keyStart: number): number {
  const at = patch.lineStart(keyStart);
  if (at === 0) return at;
  const previous = patch.lineStart(at - 1);
  const ours = `#${SECTION_COMMENTS.generated}`;
  return patch.source.slice(previous, at).trimEnd() === ours ? previous : at;
}

/** Carries the user's notes of each fairness analysis over to the new one of the same column. */
function withNotes(drafted: ModelCard['quantitativeAnalyses'], current: unknown): ModelCard['quantitativeAnalyses'] {
  const notes = new Map((Array.isArray(current) ? current : []).map((a) => [asRecord(a).column, asRecord(a).notes]));
  return drafted.map((a) =>
    typeof notes.get(a.column) === 'string' ? { ...a, notes: notes.get(a.column) as string } : a,
  );
}

/** Parses a card and checks the merge can follow it; returns the document's root mapping. */
export function parseCard(existing: string, file: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(existing, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = cardErrorsAt(file, lineCounter);
  if (doc.errors.length > 0)
    throw fail(
      doc.errors[0].pos[0],
      `is not valid YAML, so it was left untouched: ${doc.errors[0].message.split('\n')[0]}`,
    );
  if (doc.contents === null) return undefined;
  const root = doc.contents as Node;
  if (!isMap(root) || root.flow || root.items.length === 0) {
    throw fail(
      root.range?.[0] ?? 0,
      'must be a block mapping of sections (modelDetails, intendedUse, metrics ...), so it was left untouched.',
    );
  }
  const js = asRecord(doc.toJS({ maxAliasCount: 100 }));
  const versionPair = pairOf(root, 'version');
  if (versionPair && js.version !== MODEL_CARD_VERSION) {
    throw fail(
      (versionPair.value as Node | null)?.range?.[0] ?? keyRange(versionPair)[0],
      `has version ${JSON.stringify(js.version)}; this ML Lifecycle writes model card version ${MODEL_CARD_VERSION} only, so it was left untouched.`,
    );
  }
  return { root: root as YAMLMap, js };
}

/** Merges a drafted card into `existing`; undefined when the text holds no card yet (only comments, or nothing). */
export function mergeCard(existing: string, draft: ModelCard, ctx: MergeContext): MergeResult | undefined {
  const parsed = parseCard(existing, ctx.file);
  if (!parsed) return undefined;
  const { root, js } = parsed;
  const merge = new CardMerge(existing, ctx);
  const { patch } = merge;

  const missing: Record<string, unknown> = {};
  for (const [section, drafted] of Object.entries(draft).filter(([key]) => key !== 'version' && key !== 'generated')) {
    const pair = pairOf(root, section);
    if (!pair) {
      missing[section] = drafted;
      for (const [unit, , inner] of sectionUnits(section, drafted)) merge.record(unit, inner);
      merge.changes.push(`${section}: added`);
    } else if (section === 'factors') merge.mergeFactors(pair, js[section], drafted as ModelCard['factors']);
    else if (section === 'caveatsAndRecommendations') merge.mergeCaveats(pair, js[section], drafted as string[]);
    else if (section === 'quantitativeAnalyses')
      merge.mergeUnit(
        section,
        pair,
        js[section],
        withNotes(drafted as ModelCard['quantitativeAnalyses'], js[section]),
        false,
      );
    else if (drafted && typeof drafted === 'object' && !Array.isArray(drafted))
      merge.mergeMapSection(section, pair, js[section], drafted as Record<string, unknown>);
    else merge.mergeUnit(section, pair, js[section], drafted, false);
  }

  const baseline: CardBaseline = { fields: merge.fields, caveats: draft.caveatsAndRecommendations };
  const generatedPair = pairOf(root, 'generated');
  const before = asRecord(js.generated);
  const versionPair = pairOf(root, 'version');
  if (
    !patch.changed &&
    Object.keys(missing).length === 0 &&
    before.runId === ctx.generated.runId &&
    before.model === ctx.generated.model &&
    versionPair
  ) {
    return { text: existing, changes: ['up to date'], baseline };
  }

  const indent = patch.column(keyRange(root.items[0] as AnyPair)[0]);
  if (!versionPair)
    patch.insertLines(
      patch.lineStart(keyRange(root.items[0] as AnyPair)[0]),
      renderEntries({ version: MODEL_CARD_VERSION }, indent, patch.eol),
    );
  const hasMissing = Object.keys(missing).length > 0;
  if (generatedPair && (root.items[root.items.length - 1] === generatedPair || !hasMissing)) {
    merge.replaceBlockValue(generatedPair, ctx.generated);
    if (hasMissing)
      patch.insertLines(
        commentAbove(patch, keyRange(generatedPair)[0]),
        renderEntries(missing, indent, patch.eol, true),
      );
  } else {
    if (generatedPair) patch.replace(commentAbove(patch, keyRange(generatedPair)[0]), patch.pairEnd(generatedPair), '');
    patch.insertLines(
      patch.source.length,
      renderEntries({ ...missing, generated: ctx.generated }, indent, patch.eol, true),
    );
  }
  if (before.runId !== ctx.generated.runId)
    merge.changes.push(
      `generated from run ${ctx.generated.runId}${typeof before.runId === 'string' ? ` (was ${before.runId})` : ''}`,
    );
  return { text: patch.apply(), changes: merge.changes, baseline };
}
