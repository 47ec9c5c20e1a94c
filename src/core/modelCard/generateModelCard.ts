// "Generate Model Card": the card drafted from the charter, the data dictionary, mlcycle.yaml
// and a run, written as a new document or merged into the user's card without touching what
// they wrote. Reads the project; returns text (the caller writes the card and its baseline).
import { version as mlcycleVersion } from '../../../package.json';
import { readCardSources, readRun, type CardSources } from './cardSources';
import { renderCard } from './cardRender';
import { ownerOf, sameData, sectionUnits, valueHash } from './cardUnits';
import { draftCard } from './draftCard';
import { mergeCard } from './mergeCard';
import { parseYaml } from '../yaml/yamlDocument';
import { readCardBaseline } from './modelCardFiles';
import {
  GENERATOR,
  type CardBaseline,
  type GenerateModelCardOptions,
  type GenerateModelCardResult,
  type GeneratedInfo,
  type ModelCard,
} from './modelCardTypes';

export { ModelCardError } from './modelCardError';
export type { GenerateModelCardOptions, GenerateModelCardResult, ModelCard } from './modelCardTypes';

function baselineOf(card: ModelCard): CardBaseline {
  const fields: Record<string, string> = {};
  for (const [section, value] of Object.entries(card)) {
    if (section === 'version' || section === 'generated') continue;
    for (const [unit, , inner] of sectionUnits(section, value))
      if (ownerOf(unit) === 'machine') fields[unit] = valueHash(unit, inner);
  }
  return { fields, caveats: card.caveatsAndRecommendations };
}

/** The value of a unit in a card. */
function unitValue(card: ModelCard, unit: string): unknown {
  const [section, key] = unit.split('.');
  const value = (card as unknown as Record<string, unknown>)[section];
  return key === undefined ? value : (value as Record<string, unknown> | undefined)?.[key];
}

/**
 * Without a baseline (a card generated on another machine), the card's previous run is drafted
 * again: a value equal to that draft is the generator's.
 */
async function previousDraft(sources: CardSources, runId: unknown): Promise<ModelCard | undefined> {
  if (typeof runId !== 'string') return undefined;
  try {
    const { run, createdAt } = await readRun(sources.root, runId);
    return draftCard({ ...sources, run, runCreatedAt: createdAt });
  } catch {
    return undefined;
  }
}

/** generated.runId of a card's text, if it has one. */
function previousRunOf(text: string): unknown {
  const value = parseYaml(text).value as { generated?: { runId?: unknown } } | null;
  return value && typeof value === 'object' ? value.generated?.runId : undefined;
}

/**
 * The model card for `run` (default: the newest run). With `existingText`, merges into it:
 * machine values the last generation wrote and the user left alone are refreshed, drafted prose
 * fills only what is empty, missing sections are appended, everything else stays byte for byte.
 * Throws ModelCardError (with the position) when the existing text does not parse or cannot be
 * merged safely, or the run does not exist.
 */
export async function generateModelCard(options: GenerateModelCardOptions): Promise<GenerateModelCardResult> {
  const sources = await readCardSources(options.root, options.run);
  const draft = draftCard(sources);
  const file = options.file ?? sources.project.documents.modelCard;
  const generated: GeneratedInfo = {
    runId: sources.run.runId,
    model: sources.run.bestModel,
    generatedAt: (options.now ?? new Date()).toISOString(),
    generator: `${GENERATOR} ${mlcycleVersion}`,
    sources: [sources.project.documents.charter, sources.project.documents.dataDictionary].filter(
      (_, i) => (i === 0 ? sources.charter : sources.dictionary) !== undefined,
    ),
  };
  const notes = sources.notes.map((n) => `note: ${n}`);
  const fresh = (): GenerateModelCardResult => {
    const lead = options.existingText?.trim() ? options.existingText.replace(/\s*$/, '\n\n') : '';
    return {
      text: lead + renderCard({ ...draft, generated }, lead === ''),
      changes: [`created from run ${generated.runId}`, ...notes],
      run: generated.runId,
      baseline: baselineOf(draft),
    };
  };
  if (options.existingText === undefined) return fresh();

  const baseline = options.baseline ?? (await readCardBaseline(options.root, file));
  const previous = baseline ? undefined : await previousDraft(sources, previousRunOf(options.existingText));
  const merged = mergeCard(options.existingText, draft, {
    file,
    generated,
    previousCaveats: baseline?.caveats ?? previous?.caveatsAndRecommendations ?? [],
    isOurs: (unit, current) =>
      baseline
        ? baseline.fields[unit] === valueHash(unit, current)
        : previous !== undefined && sameData(unitValue(previous, unit), current),
  });
  if (!merged) return fresh();
  return { text: merged.text, changes: [...merged.changes, ...notes], run: generated.runId, baseline: merged.baseline };
}
