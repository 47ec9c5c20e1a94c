// Starting points for the lifecycle documents, with guidance in comments. Created only when a
// document does not exist yet: never written over a user's file.
import { DICTIONARY_TEMPLATE } from '../dictionary/dictionaryTemplate';
import type { DocumentKind } from './projectFile';

const charter = `# Project charter: the reference point for everyone on the project, agreed by its technical
# and business stakeholders (schema: schemas/charter.schema.json; hover a key for its meaning).
# Fill it in over time: the ML Lifecycle sidebar ticks the problem-definition practices as you
# go, and every training run checks the KPIs.
version: 1

# The business problem, in the words of the people who have it: who suffers from what, how
# often, and what it costs today.
problem: ""

# The business objectives the model addresses, one per entry.
objectives: []
#  - Identify the species of a measured penguin in the field, without a specialist.

# The ML task and the column to predict; they must agree with mlcycle.yaml.
# task: classification        # or regression
# target: Species

# How success is measured: each KPI names the metric that measures it (classification:
# accuracy, balanced_accuracy, f1_macro, roc_auc, precision, recall ...; regression: rmse, mae,
# r2, mape ...) and the threshold it must reach. Scores must reach at least the threshold,
# errors and losses at most; \`direction: at_least | at_most\` overrides that.
kpis: []
#  - name: Correct identification
#    metric: balanced_accuracy
#    threshold: 0.9
#    why: Classes are imbalanced; every class must be identified well.

# What "done" means, with realistic expectations of performance and impact.
successCriteria: ""

# The value expected, weighed against the cost of building, running and maintaining the model.
expectedRoi: ""

# Who cares about the outcome, and what each needs from it.
stakeholders: []
#  - role: Operations lead
#    name: A. Person
#    interest: Fewer manual checks

# The limits a solution must respect; keep the ones that matter.
constraints: {}
#  interpretability: Each prediction must show the measurements that drove it.
#  latencyMs: 200              # per prediction, 95th percentile
#  compute: Runs offline on a field tablet.
#  privacy: No personal data leaves the device.
#  fairness: Comparable accuracy on every island.
#  regulatory: ""
#  budget: ""
#  other: []

# Before investing significant resources: answer each with yes, no or unsure (leave it empty
# until assessed), and give the evidence.
feasibility:
  # Is sufficient high-quality data available?
  dataAvailable: { answer: , evidence: "" }
  # Is the problem well defined enough for machine learning?
  wellDefined: { answer: , evidence: "" }
  # Does the business value justify the cost?
  valueJustifiesCost: { answer: , evidence: "" }
  # Were simpler alternatives considered (and ruled out)?
  simplerAlternatives: { answer: , evidence: "" }
`;

/** The charter template with the project's task and target filled in (for "New Charter"). */
export function renderCharter(p: Pick<NewProject, 'task' | 'target'>): string {
  return charter.replace(
    '# task: classification        # or regression\n# target: Species\n',
    `task: ${p.task}\ntarget: ${yamlString(p.target)}\n`,
  );
}

const expectations = `# Data expectations: what valid data looks like, checked at training and serving time
# (schema: schemas/expectations.schema.json).
# "ML Lifecycle: Draft Expectations from Profile" proposes them from the training data.
version: 1
expectations: []
#  - column: Body Mass (g)
#    maxMissingPercent: 5
#    range: { min: 2000, max: 7000 }
#  - rowCount: { min: 100 }
`;

const pipeline = `# Pipeline spec: how data becomes a model, reproducibly (schema: schemas/pipeline.schema.json).
# Train it with "ML Lifecycle: Train Models" or \`mlcycle train pipeline.yaml\`. Every key but
# version is optional: task, target and the data files default to mlcycle.yaml's, and the run
# records the fully defaulted spec.
version: 1
description: ""

# How rows are split into the holdout and the cross-validation folds.
split:
  folds: 5
  # kind: stratified          # kfold, stratified (classification), group, time
  # holdout: 0.2              # without a holdout file in mlcycle.yaml

# Preprocessing, fitted on the training rows of each fold only, in this order.
preprocess:
  # drop:
  #   - column: id
  #     reason: an identifier, not a feature
  # derive:
  #   - name: ratio
  #     expression: "\`Beak Length (mm)\` / \`Beak Depth (mm)\`"
  impute: { numeric: median, categorical: most_frequent }
  encode: { categorical: onehot }
  scale: standard

# The models to compare; the baseline is always trained first. Leave models out to train the
# default set (linear/logistic regression, random forest, histogram gradient boosting).
# models:
#   - kind: random_forest
#     params: { n_estimators: 200 }

evaluation: {}
#  primaryMetric: balanced_accuracy   # the charter's KPI metric
#  sensitiveColumns: []               # default: mlcycle.yaml's

seed: 42
`;

const modelCard = `# Model card, in the sections of Google's Model Card Toolkit (schema: schemas/model-card.schema.json).
# "ML Lifecycle: Generate Model Card" fills the machine-filled fields (metrics, data, analyses)
# from a recorded run, the charter and the data dictionary; the prose is yours and is kept when
# the card is regenerated.
version: 1

modelDetails:
  name: ""
  overview: ""          # what the model does, for someone new to the project
  version: ""           # the release name of the model
  owners: []            # - { name: Data science team, contact: ds@example.org }
  license: ""
  references: []
  citation: ""

intendedUse:
  primaryUses: []
  primaryUsers: []
  outOfScope: []        # uses the model was not built or evaluated for

# Groups, instruments or environments whose differences could change performance.
factors: []

# Machine-filled from the run: do not edit by hand.
metrics: []
evaluationData: {}
trainingData: {}
quantitativeAnalyses: []

# The ethical risks and how each is mitigated.
ethicalConsiderations: []
#  - name: Errors concentrate on the smallest group
#    mitigation: Route its predictions to a specialist.

caveatsAndRecommendations: []
`;

const decisions = `# Decision records for this ML project, written by ML Lifecycle and kept in git
# (schema: schemas/decisions.schema.json). Each entry confirms a lifecycle practice that no file
# can prove, or marks it not applicable: who decided, when, and why. Newer entries win.
version: 1
decisions: []
#  - item: deployment.architecture
#    decision: confirmed
#    by: A. Person
#    at: 2025-03-01T10:00:00Z
#    note: Batch scoring nightly; see docs/architecture.md.
`;

export const DOCUMENT_TEMPLATES: Record<DocumentKind, string> = {
  charter,
  dataDictionary: DICTIONARY_TEMPLATE,
  expectations,
  pipeline,
  modelCard,
  decisions,
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
# which cell texts of CSV/TSV files are missing (default: pandas 2's list, with None, NA, null);
# where such a word is a real value, read only empty cells and your own markers as missing:
# missingValues: { markers: [], defaults: false }
# columns whose groups the evaluation compares for fairness
# sensitiveColumns: []
`;
}
