// `mlcycle package [<run>[:<model>]] [--examples N] [--json out] [--root dir]`: one folder
// .mlcycle/packages/<runId>--<model>/ and its .tgz with the model, its signature, an input
// example, the OpenAPI document of the serving API, CONTRACT.md and a manifest of checksums.
// Exit 0 (packaged, or the identical package already there); 2 on bad input (an unknown run or
// model, a model that cannot be packaged); 1 when packaging failed.
import type { PackageParams, PackageResult } from '../core/deploy/packageTypes';
import { packageModel } from '../core/deploy/packageJob';
import type { CliCommand } from './command';
import { EXIT, UsageError, wholeNumberOption } from './io';
import { runWithProgressLine, writeResult } from './jobOutput';
import { projectRootFor } from './modelOutput';

export function formatPackageReport(r: PackageResult): string {
  const s = r.signature;
  const lines = [
    r.reused
      ? `Package ${r.id} is already up to date (identical content): ${r.dir}/`
      : `Packaged model ${r.model} of run ${r.runId} (${r.kind}) into ${r.dir}/ and ${r.archive}.`,
    `Inputs: ${s.inputs.map((c) => `${c.name} (${c.type}${c.nullable ? ', nullable' : ''})`).join(', ')}.`,
    `Output: ${s.outputs.target} — ${s.outputs.prediction === 'label' ? `a label of ${(s.outputs.classes ?? []).join(', ')}${s.outputs.probabilities ? ' with probabilities' : ''}` : 'a value'}.`,
    `Files: ${r.files.join(', ')}.`,
  ];
  for (const n of r.notices) lines.push(`Note: ${n}`);
  return `${lines.join('\n')}\n`;
}

export const packageCommand: CliCommand = {
  name: 'package',
  summary: 'Package a trained model: model files, signature, input example, OpenAPI document, contract, checksums.',
  usage: 'mlcycle package [<run-id | runId:model | runId/model>] [--examples N] [--json <out.json|->] [--root <dir>]',
  options: {
    examples: { type: 'string', description: 'training rows kept as the input example (default 5)' },
    json: { type: 'string', description: 'also write the result as JSON to this file ("-" for stdout only)' },
    root: {
      type: 'string',
      description: 'the project folder (default: the one holding mlcycle.yaml above the working directory)',
    },
  },
  async run({ positionals, values, io, signal }) {
    if (positionals.length > 1) throw new UsageError('Give one model: a run id (its best model) or runId:model.');
    const root = await projectRootFor(values, io);
    const params: PackageParams = { root, ...(positionals[0] ? { model: positionals[0] } : {}) };
    const examples = wholeNumberOption(values, 'examples');
    if (examples !== undefined) params.exampleRows = examples;
    const result = await runWithProgressLine(io, 'package', signal, (ctx) => packageModel(params, ctx));
    await writeResult(io, values.json, result, () => formatPackageReport(result));
    return EXIT.ok;
  },
};
