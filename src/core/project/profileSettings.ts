// What the profile takes from mlcycle.yaml (profile.thresholds), checked by the language
// server's own checker (src/core/language/diagnostics: the same messages, positions and "did you
// mean"), so a mistake in the project file is reported instead of silently giving the defaults.
// A YAML syntax error stops the profile (the file cannot be read at all: nothing it says can be
// trusted); every other problem (an unknown or misspelled key, a wrong value) is a warning naming
// file:line:column, and the thresholds that are valid still apply.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import schema from '../../../schemas/mlcycle.schema.json';
import { JobError } from '../../protocol/jobError';
import { fileSystemError, fsErrorCode } from '../fsErrors';
import { schemaDiagnostics } from '../language/diagnostics';
import { isInside } from '../paths';
import { DEFAULT_THRESHOLDS, type AlertThresholds } from '../profile/profileTypes';
import { parseYaml } from '../yaml/yamlDocument';
import { PROJECT_FILE } from './projectFile';

export interface ProjectFileWarning {
  /** "mlcycle.yaml:12:5: Unknown key ..." (the file as `shown`). */
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface ProfileProjectSettings {
  thresholds?: Partial<AlertThresholds>;
  warnings: ProjectFileWarning[];
}

function shownPath(file: string, cwd: string): string {
  return isInside(cwd, file) ? relative(cwd, file) || file : file;
}

/** The valid thresholds of `profile.thresholds` (known keys holding non-negative numbers). */
function validThresholds(value: unknown): Partial<AlertThresholds> | undefined {
  const thresholds = (value as { profile?: { thresholds?: unknown } } | null)?.profile?.thresholds;
  if (thresholds === null || typeof thresholds !== 'object' || Array.isArray(thresholds)) return undefined;
  const out: Partial<AlertThresholds> = {};
  for (const [key, v] of Object.entries(thresholds as Record<string, unknown>)) {
    if (key in DEFAULT_THRESHOLDS && typeof v === 'number' && Number.isFinite(v) && v >= 0)
      out[key as keyof AlertThresholds] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The profile settings of the project at `root` (undefined without a project file). Throws a
 * bad-input JobError at the first YAML syntax error.
 */
export async function readProfileSettings(
  root: string,
  cwd: string = process.cwd(),
): Promise<ProfileProjectSettings | undefined> {
  const file = join(root, PROJECT_FILE);
  const shown = shownPath(file, cwd);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (fsErrorCode(error) === 'ENOENT') return undefined;
    throw fileSystemError('read', `the project file ${shown}`, file, error);
  }
  const diagnostics = schemaDiagnostics(text, schema).filter((d) => d.severity === 'error' || d.severity === 'warning');
  const syntax = diagnostics.find((d) => d.code === 'yaml-syntax');
  if (syntax) {
    const { line, column } = syntax.start;
    throw new JobError(
      'bad-input',
      `${shown}:${line}:${column}: ${syntax.message} The project file must be fixed before its settings (profile.thresholds) can be used.`,
      { file, line, column },
    );
  }
  const warnings = diagnostics.map((d) => ({
    message: `${shown}:${d.start.line}:${d.start.column}: ${d.message}`,
    file,
    line: d.start.line,
    column: d.start.column,
  }));
  const thresholds = validThresholds(parseYaml(text).value);
  return { ...(thresholds ? { thresholds } : {}), warnings };
}
