// "ML Lifecycle: Profile Dataset": profiles a data file in the background worker (or takes the
// cached profile when the file's content is unchanged), records it under .mlcycle/profiles/
// <role>.json for a project dataset, and shows the EDA report beside the editor.
import * as vscode from 'vscode';
import type { DatasetProfile, ProfileParams } from '../../core/profile/profileTypes';
import { profileParamsKey } from '../../core/profile/profileParams';
import { projectProfileParams } from '../../core/profile/projectProfileParams';
import { findCachedProfile, profileRecord } from '../../core/profile/profileRecord';
import { sha256File, writeRecord } from '../../core/records';
import { COMMANDS } from '../../protocol/commands';
import type { ProfileReport } from '../../protocol/webview';
import { buildProfileReport } from '../panels/profilePayload';
import { ProfilePanel, type ProfileRecompute } from '../panels/profilePanel';
import type { Services } from '../services';
import {
  projectSummaryOf,
  ProfileTargetError,
  resolveProfileTarget,
  targetOfReport,
  type ProfileTarget,
} from './profileTarget';

/** The job's parameters: a project dataset is profiled with the project's target and settings. */
export function profileParamsOf(target: ProfileTarget): ProfileParams {
  return projectProfileParams(target.file, target.root, target.project, Boolean(target.role));
}

interface Profiled {
  profile: DatasetProfile;
  cached: boolean;
}

/** Undefined when the job was refused, cancelled or failed (the job service told the user). */
async function profileOf(services: Services, target: ProfileTarget): Promise<Profiled | undefined> {
  const params = profileParamsOf(target);
  if (target.role) {
    const sha256 = await sha256File(target.file);
    const cached = await findCachedProfile(target.root, target.role, sha256, profileParamsKey(params));
    if (cached) return { profile: cached, cached: true };
  }
  const shown = vscode.workspace.asRelativePath(target.file, false);
  const profile = await services.jobs.run({ title: `Profiling ${shown}`, job: 'profile', params });
  if (!profile) return undefined;
  if (target.role) {
    await writeRecord(target.root, profileRecord(target.root, target.role, profile));
    // The sidebar's "Exploratory data analysis" item reads the record: bring it up to date now.
    void services.model.refresh();
  }
  return { profile, cached: false };
}

function reportOf(target: ProfileTarget, profiled: Profiled): ProfileReport {
  return buildProfileReport({
    profile: profiled.profile,
    project: projectSummaryOf(target),
    role: target.role,
    cached: profiled.cached,
  });
}

/** Profiles what the command was invoked with and shows the report; returns it (the tests read it). */
async function profileDataset(
  services: Services,
  recompute: ProfileRecompute,
  argument: unknown,
): Promise<ProfileReport | undefined> {
  let target: ProfileTarget | undefined;
  try {
    target = await resolveProfileTarget(services, argument);
  } catch (error) {
    if (!(error instanceof ProfileTargetError)) throw error;
    void vscode.window.showErrorMessage(`ML Lifecycle: ${error.message}`);
    return undefined;
  }
  if (!target) return undefined;
  const profiled = await profileOf(services, target);
  if (!profiled) return undefined;
  const report = reportOf(target, profiled);
  ProfilePanel.show(services.context, report, recompute, services.log);
  return report;
}

export function registerProfileCommands(services: Services): vscode.Disposable[] {
  // Refresh and revival profile the file on screen again (from the cache when unchanged).
  const recompute: ProfileRecompute = async (shown) => {
    if (!shown) throw new Error('No dataset is shown: run "ML Lifecycle: Profile Dataset".');
    const target = await targetOfReport(services, shown);
    const profiled = await profileOf(services, target);
    if (!profiled)
      throw new Error(
        `Profiling ${shown.profile.source.path} was cancelled or failed (see the "ML Lifecycle" output).`,
      );
    return reportOf(target, profiled);
  };
  return [
    vscode.commands.registerCommand(COMMANDS.profileDataset, (argument?: unknown) =>
      profileDataset(services, recompute, argument),
    ),
    ProfilePanel.registerSerializer(services.context, recompute, services.log),
  ];
}
