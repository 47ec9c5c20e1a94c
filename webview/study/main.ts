// Entry of dist/webview/study.js. The CSP style shim comes first: it must be in place
// before Plotly (the next script in the page) styles anything.
import '../shared/cspStyleShim';
import { startReport } from '../shared/report';
import { studyView } from './studyView';

startReport(studyView);
