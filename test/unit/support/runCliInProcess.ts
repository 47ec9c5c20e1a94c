// Runs the `mlcycle` command line in this process (runCli) in `cwd`, capturing what it prints:
// the CLI tests' one way to call a command and read its exit code and output.
import { runCli } from '../../../src/cli/run';

export async function runMlcycle(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd };
  const code = await runCli(args, io, new AbortController().signal);
  return { code, stdout, stderr };
}
