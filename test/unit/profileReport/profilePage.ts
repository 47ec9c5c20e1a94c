// The profile panel's page in headless Chromium: the shared report page harness
// (test/unit/panels/reportPage.ts) opened on the profile report.
import { ReportPageHarness, type ReportPage } from '../panels/reportPage';

export type ProfilePage = ReportPage;

export class ProfilePageHarness extends ReportPageHarness {
  constructor() {
    super(['profile'], { profile: 'Data profile' });
  }
}
