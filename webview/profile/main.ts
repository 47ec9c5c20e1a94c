// Entry of dist/webview/profile.js. The CSP style shim comes first: it must be in place
// before Plotly (the next script in the page) styles anything.
import '../shared/cspStyleShim';
import { startReport } from '../shared/report';
import { profileView } from './profileView';

startReport(profileView);
