// One forked worker process: starts it, keeps the tail of its stderr for crash reports, sends
// messages, and lets a host that is idle exit (the child is unreferenced while no job runs).
import { fork, type ChildProcess } from 'node:child_process';
import { isWorkerMessage, type HostMessage, type WorkerMessage } from '../protocol/jobs';

const STDERR_LINES = 50;

export interface WorkerProcessOptions {
  workerPath: string;
  env?: NodeJS.ProcessEnv;
  execPath?: string;
  execArgv?: string[];
  log(line: string): void;
  onMessage(message: WorkerMessage): void;
  /** Called once, after the process has exited and its stderr has been read to the end. */
  onExit(code: number | null, signal: NodeJS.Signals | null): void;
}

type Referable = { ref?(): void; unref?(): void };

export class WorkerProcess {
  readonly child: ChildProcess;
  /** Set when we stop the process ourselves, so its exit is not reported as a crash. */
  stopping = false;
  exited = false;
  private readonly stderrLines: string[] = [];
  private stderrPartial = '';

  constructor(private readonly options: WorkerProcessOptions) {
    this.child = fork(options.workerPath, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // Never inherit the host's loaders or --inspect flags; only the flags asked for.
      execArgv: options.execArgv ?? [],
      ...(options.execPath ? { execPath: options.execPath } : {}),
      // Inside VS Code the host's executable is Electron; this makes it behave as Node.
      env: { ...process.env, ...options.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child.stdout?.setEncoding('utf8').on('data', (text: string) => this.logLines('stdout', text));
    this.child.stderr?.setEncoding('utf8').on('data', (text: string) => this.keepStderr(text));
    this.child.on('message', (message: unknown) => {
      if (isWorkerMessage(message)) options.onMessage(message);
      else options.log(`[worker] ignoring malformed message: ${JSON.stringify(message)?.slice(0, 200)}`);
    });
    this.child.on('error', (error) => options.log(`[worker] process error: ${error.message}`));
    this.child.once('exit', (code, signal) => {
      this.exited = true;
      // The exit can arrive before the last stderr bytes; wait for the stream to end (briefly).
      const stderr = this.child.stderr;
      let reported = false;
      const report = () => {
        if (reported) return;
        reported = true;
        options.onExit(code, signal);
      };
      if (!stderr || stderr.readableEnded || stderr.destroyed) return report();
      stderr.once('close', report);
      setTimeout(report, 500).unref();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The last lines the worker wrote to stderr (for crash messages). */
  stderrTail(): string {
    const lines = this.stderrPartial ? [...this.stderrLines, this.stderrPartial] : this.stderrLines;
    return lines.join('\n').trim();
  }

  send(message: HostMessage): void {
    if (this.exited || !this.child.connected) return;
    this.child.send(message, (error) => {
      if (error) this.options.log(`[worker] could not send ${message.type}: ${error.message}`);
    });
  }

  /** Stops the process on purpose (hung, cancelled too slowly, restarted, disposed). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.stopping = true;
    if (!this.exited) this.child.kill(signal);
  }

  /** While idle, the worker must not keep a Node host (the CLI, a test run) alive. */
  setReferenced(referenced: boolean): void {
    const method = referenced ? 'ref' : 'unref';
    const handles: (Referable | null | undefined)[] = [
      this.child,
      this.child.channel as Referable | null | undefined,
      this.child.stdout as Referable | null,
      this.child.stderr as Referable | null,
    ];
    for (const handle of handles) handle?.[method]?.();
  }

  private keepStderr(text: string): void {
    const lines = (this.stderrPartial + text).split('\n');
    this.stderrPartial = lines.pop() ?? '';
    for (const line of lines) {
      this.options.log(`[worker stderr] ${line}`);
      this.stderrLines.push(line);
      if (this.stderrLines.length > STDERR_LINES) this.stderrLines.shift();
    }
  }

  private logLines(stream: string, text: string): void {
    for (const line of text.split('\n')) if (line) this.options.log(`[worker ${stream}] ${line}`);
  }
}
