// Entry of dist/webview/evaluation.js. The CSP style shim comes first: it must be in place
// before Plotly (the next script in the page) styles anything.
import '../shared/cspStyleShim';
import { startReport } from '../shared/report';
import { evaluationView } from './evaluationView';

startReport(evaluationView);
