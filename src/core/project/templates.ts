// Starting points for the lifecycle documents, with guidance in comments. Created only when a
// document does not exist yet: never written over a user's file.
import { DICTIONARY_TEMPLATE } from '../dictionary/dictionaryTemplate';
import type { DocumentKind } from './projectFile';

const charter = `# Project charter: the reference point for everyone on the project.
# Fill in each section; the ML Lifecycle sidebar ticks the problem-definition items as you go.

# The business problem, in the words of the people who have it.
problem: ""

# What the model must achieve for the business (a list).
objectives: []

# How success is measured: each KPI names a metric (accuracy, balanced_accuracy, f1_macro,
# roc_auc, rmse, mae, r2 ...) and the threshold it must reach.
kpis: []
#  - name: Correct identification
#    metric: balanced_accuracy
#    threshold: 0.9

# What "done" means, and realistic expectations of performance and impact.
successCriteria: ""

# The value expected, weighed against the cost of building and running the model.
expectedRoi: ""

# Who cares about the outcome, and what they need from it.
stakeholders: []

# Constraints: interpretability, latency, compute, privacy ...
constraints: []

# Before investing: answer each with yes / no / unsure, and the evidence.
feasibility:
  dataAvailable: { answer: "", evidence: "" }
  wellDefined: { answer: "", evidence: "" }
  valueJustifiesCost: { answer: "", evidence: "" }
  simplerAlternatives: { answer: "", evidence: "" }
`;


const expectations = `# Data expectations: what valid data looks like, checked at training and serving time.
# "ML Lifecycle: Draft Expectations from Profile" proposes them from the training data.
version: 1
expectations: []
#  - column: Body Mass (g)
#    maxMissingPercent: 5
#    range: { min: 2000, max: 7000 }
`;

const pipeline = `# Pipeline spec: how data becomes a model, reproducibly.
seed: 42
split: { holdoutFraction: 0.2, folds: 5, stratified: true }
# Preprocessing steps, fitted on training folds only.
preprocessing: []
#  - impute: { strategy: median }
#  - encode: { method: one-hot }
#  - scale: { method: standard }
models: []
`;

const modelCard = `# Model card (sections of Google's Model Card Toolkit).
modelDetails: { name: "", version: "", owners: [] }
intendedUse: { primaryUses: [], primaryUsers: [], outOfScope: [] }
factors: []
metrics: []
evaluationData: ""
trainingData: ""
quantitativeAnalyses: []
ethicalConsiderations: []
caveatsAndRecommendations: []
`;

const decisions = `# Decision records for this ML project, written by ML Lifecycle and kept in git.
decisions: []
`;

export const DOCUMENT_TEMPLATES: Record<DocumentKind, string> = {
  charter, dataDictionary: DICTIONARY_TEMPLATE, expectations, pipeline, modelCard, decisions,
};

export interface NewProject {
  name: string;
  task: 'classification' | 'regression';
  target: string;
  train: string;
}

const yamlString = (text: string) => JSON.stringify(text);

/** The text of a new mlcycle.yaml, with comments that explain each key. */
export function renderProjectFile(p: NewProject): string {
  return `# ML Lifecycle project file. Paths are relative to this folder.
version: 1
name: ${yamlString(p.name)}
# classification (predict a category) or regression (predict a number)
task: ${p.task}
# the column to predict
target: ${yamlString(p.target)}
datasets:
  train: ${yamlString(p.train)}
  # holdout: data never used for training, for the final evaluation
  # current: recent production data, compared with training data for drift
# columns whose groups the evaluation compares for fairness
# sensitiveColumns: []
`;
}
