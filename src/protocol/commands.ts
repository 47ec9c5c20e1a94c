// Every command id of the extension, in one map. package.json must declare exactly these (a
// unit test checks both directions), and the extension registers exactly these.
export const COMMANDS = {
  initProject: 'mlcycle.initProject',
  refresh: 'mlcycle.refresh',
  showOverview: 'mlcycle.showOverview',
  inspectDatasets: 'mlcycle.inspectDatasets',
  profileDataset: 'mlcycle.profileDataset',
  draftDataDictionary: 'mlcycle.draftDataDictionary',
  draftExpectations: 'mlcycle.draftExpectations',
  validateData: 'mlcycle.validateData',
  openProjectFile: 'mlcycle.openProjectFile',
  openDocument: 'mlcycle.openDocument',
  runItemAction: 'mlcycle.runItemAction',
  confirmItem: 'mlcycle.confirmItem',
  markItemNotApplicable: 'mlcycle.markItemNotApplicable',
  showItemHelp: 'mlcycle.showItemHelp',
  cancelJobs: 'mlcycle.cancelJobs',
  restartWorker: 'mlcycle.restartWorker',
  showLog: 'mlcycle.showLog',
  trainModels: 'mlcycle.trainModels',
  tuneHyperparameters: 'mlcycle.tuneHyperparameters',
  stopStudy: 'mlcycle.stopStudy',
  promoteTrial: 'mlcycle.promoteTrial',
  explainModel: 'mlcycle.explainModel',
  openStudy: 'mlcycle.openStudy',
  openEvaluationReport: 'mlcycle.openEvaluationReport',
  compareRuns: 'mlcycle.compareRuns',
  compareSelectedRuns: 'mlcycle.compareSelectedRuns',
  evaluateModel: 'mlcycle.evaluateModel',
  predictWithModel: 'mlcycle.predictWithModel',
  refreshRuns: 'mlcycle.refreshRuns',
  newCharter: 'mlcycle.newCharter',
  generateModelCard: 'mlcycle.generateModelCard',
  exportModelCard: 'mlcycle.exportModelCard',
} as const;

export type CommandKey = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandKey];
