// How the Runs view and the commands' pickers write a metric value: four decimals near 1,
// fewer for large values (the same rule as the reports, webview/evaluation/metrics.ts).
export { formatMetric as formatMetricValue } from '../../../webview/evaluation/metrics';
