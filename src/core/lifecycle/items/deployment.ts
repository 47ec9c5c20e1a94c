// Phase 4: model deployment. Evidence: package and serving-check records, the model card, and
// decisions on what no file can prove (architecture, rollout strategy).
import { actions, fromDocument, fromRecord, isFilled, field, missing, passing } from '../evidence';
import type { LifecycleItem } from '../model';

/** An item a person confirms with a decision record. */
export function decisionItem(
  id: string,
  phase: LifecycleItem['phase'],
  title: string,
  practice: string,
  ask: string,
): LifecycleItem {
  return {
    id,
    phase,
    title,
    practice,
    confirmable: true,
    evidence: `A decision record in the decisions document: ${ask}`,
    action: () => actions.confirm(id),
    evaluate: () => missing(`Not decided yet: ${ask}`),
  };
}

export const deploymentItems: LifecycleItem[] = [
  {
    id: 'deployment.package',
    phase: 'deployment',
    title: 'Model serialized and packaged',
    practice:
      'Serialize the model (for example as ONNX) and package it with its dependencies so it behaves the same in every environment.',
    evidence: 'A package record (.mlcycle/packages/) made from the current model artifact.',
    action: () => actions.help('deployment.package'),
    evaluate: (state) => fromRecord(state, 'package', 'The model has not been packaged.'),
  },
  {
    id: 'deployment.interface',
    phase: 'deployment',
    title: 'Input/output and API documented',
    practice:
      'Document input and output formats and requirements, and create API specifications for service integration.',
    evidence: 'The newest package record contains an API specification (apiSpec).',
    action: () => actions.help('deployment.interface'),
    evaluate: (state) =>
      fromRecord(state, 'package', 'The model has not been packaged.', {
        check: (fact) =>
          isFilled(field(fact.record.data, 'apiSpec'))
            ? passing(`API specification in package ${fact.record.name}.`)
            : missing(`Package ${fact.record.name} has no API specification.`),
      }),
  },
  decisionItem(
    'deployment.architecture',
    'deployment',
    'Deployment architecture chosen',
    'Choose batch prediction, a real-time API, edge deployment or an embedded model, balancing performance needs against infrastructure complexity.',
    'which architecture, and why.',
  ),
  {
    id: 'deployment.integration',
    phase: 'deployment',
    title: 'Integration tested',
    practice:
      'Verify input/output functionality, consistency between training and serving, error handling and fallbacks, and logging.',
    evidence: 'A serving-check record (.mlcycle/serving-checks/) that passed on the current package.',
    action: () => actions.help('deployment.integration'),
    evaluate: (state) => fromRecord(state, 'servingCheck', 'No serving consistency check yet.'),
  },
  {
    id: 'deployment.load',
    phase: 'deployment',
    title: 'Tested under expected load',
    practice: 'Test performance under the expected load before users depend on it.',
    evidence: 'A load-test record (.mlcycle/load-tests/) that met its latency target.',
    action: () => actions.help('deployment.load'),
    evaluate: (state) => fromRecord(state, 'loadTest', 'No load test yet.'),
  },
  decisionItem(
    'deployment.rollout',
    'deployment',
    'Shadow or A/B rollout planned',
    'Mitigate risk with A/B testing or a shadow deployment that runs the new model alongside the existing system before fully switching.',
    'how the new model will be rolled out and compared.',
  ),
  {
    id: 'deployment.modelCard',
    phase: 'deployment',
    title: 'Model card written',
    practice:
      'Write a model card: shared documentation of what the model is for, how it was evaluated, and its limits.',
    evidence: 'The model card document exists and parses.',
    // Generated from the charter, dictionary and newest run; regeneration keeps the user's prose.
    action: (_s, e) =>
      e.status === 'missing' || e.status === 'stale'
        ? actions.generateModelCard()
        : actions.openDocument('modelCard', 'Open model card'),
    evaluate: (state) => fromDocument(state, 'modelCard'),
  },
];
