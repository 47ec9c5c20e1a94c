// The model card document (docs/model-card.yaml by default) as plain data: the sections of
// Google's Model Card Toolkit, plus the `generated` block that "Generate Model Card" keeps to
// tell the values it wrote from the ones the user wrote since.
//
// Ownership (cardUnits.ts): machine-filled values are refreshed on regeneration only while they
// still hold what the last generation wrote (see CardBaseline); once the user edits one, it is
// theirs. Drafted prose (overview, uses, users, descriptions ...) is written only where empty.
// Everything else (owners, outOfScope, notes, custom x- keys, comments) belongs to the user.

export const MODEL_CARD_VERSION = 1;
/** Written as generated.generator. */
export const GENERATOR = 'ML Lifecycle';

/** One performance figure (schemas/model-card.schema.json#/definitions/performanceMetric). */
export interface CardMetric {
  type: string;
  value: number;
  on: 'holdout' | 'cv';
  /** cv: mean ± 2 standard deviations over the folds. */
  confidenceInterval?: { lower: number; upper: number };
  threshold?: number;
  kpi?: string;
  met?: boolean;
  source: string;
}

export interface CardFairnessAnalysis {
  column: string;
  on: 'holdout' | 'cv';
  groups: Array<{ group: string; count: number; metrics: Record<string, number>; selectionRate?: number }>;
  difference: Record<string, number>;
  ratio: Record<string, number>;
  demographicParityDifference?: number;
  equalizedOddsDifference?: number;
  /** The user's reading of the gaps: kept on regeneration. */
  notes?: string;
}

export interface CardDataset {
  name?: string;
  path?: string;
  rows?: number;
  sensitiveColumns?: string[];
  description?: string;
}

/** schemas/model-card.schema.json#/definitions/explainability */
export interface CardExplainability {
  method?: string;
  data?: string;
  rows?: number;
  output?: string;
  topFeatures?: Array<{ name: string; meanAbsContribution?: number; direction?: string }>;
  record?: string;
  notes?: string;
}

export interface ModelCard {
  version: typeof MODEL_CARD_VERSION;
  modelDetails: { name: string; overview?: string; date?: string; [key: string]: unknown };
  modelParameters: {
    architecture: string;
    task: 'classification' | 'regression';
    target: string;
    classes?: string[];
    features: Array<{
      name: string;
      included: boolean;
      reason: string;
      importance?: number;
      /** From the explanation the explainability section summarises. */
      contribution?: { meanAbs: number; direction: string; rank: number; see: string };
    }>;
  };
  intendedUse: { primaryUses?: string[]; primaryUsers?: string[]; outOfScope?: string[] };
  factors: Array<{ name: string; description?: string; evaluated?: boolean }>;
  metrics: CardMetric[];
  evaluationData: CardDataset;
  trainingData: CardDataset;
  quantitativeAnalyses: CardFairnessAnalysis[];
  explainability?: CardExplainability;
  ethicalConsiderations: Array<{ name: string; mitigation?: string }>;
  caveatsAndRecommendations: string[];
  generated?: GeneratedInfo;
}

/** The card's bookkeeping block (schemas/model-card.schema.json#/definitions/generated). */
export interface GeneratedInfo {
  runId: string;
  model: string;
  generatedAt: string;
  generator: string;
  sources: string[];
}

/**
 * What the last generation wrote, kept in .mlcycle/drafts/model-card.json: a hash of each
 * machine-filled value and the caveats it added, so the next generation can tell them from the
 * user's edits.
 */
export interface CardBaseline {
  fields: Record<string, string>;
  caveats: string[];
}

export interface GenerateModelCardOptions {
  /** The project folder (holding mlcycle.yaml). */
  root: string;
  /** The run to describe; default the newest. */
  run?: string;
  /** The card's current text; absent: a new card. */
  existingText?: string;
  /** The card's path as the user knows it, for messages; default the project's documents.modelCard. */
  file?: string;
  /** The clock (generatedAt). */
  now?: Date;
  /** What the last generation wrote; default: read from .mlcycle/drafts/model-card.json. */
  baseline?: CardBaseline;
}

export interface GenerateModelCardResult {
  /** The card's new text: equal to existingText when nothing changed. */
  text: string;
  /** What happened, one line each ("metrics: refreshed", "intendedUse.primaryUses: kept (edited by you)" ...). */
  changes: string[];
  /** The run described. */
  run: string;
  /** To store (writeCardBaseline) when the text is written. */
  baseline: CardBaseline;
}
