// What the commands, views and panels of the extension share, created once in activate().
import type * as vscode from 'vscode';
import type { JobService } from './jobService';
import type { ProjectModel } from './project/projectModel';

export interface Services {
  context: vscode.ExtensionContext;
  log: vscode.OutputChannel;
  model: ProjectModel;
  jobs: JobService;
}
