// Entry of dist/webview/prediction.js. The CSP style shim comes first: it must be in place
// before Plotly (the next script in the page) styles anything.
import '../shared/cspStyleShim';
import { startReport } from '../shared/report';
import { predictionView } from './predictionView';

startReport(predictionView);
