// The model card as one self-contained HTML page: inline CSS, no scripts, no external
// resources, every text escaped. Readable headings and tables, printable.
import { cardView, type Block } from './cardView';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f23;background:#fff}
h1{font-size:1.8rem;margin-bottom:.2rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
.subtitle{color:#57606a;margin-top:0}table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
@media print{body{margin:0}}`;

function renderBlock(block: Block, depth: number): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'list':
      return `<ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
    case 'fields':
      return `<dl>${block.entries.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
    case 'table':
      return `<table><thead><tr>${block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${block.rows
        .map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'section': {
      const level = Math.min(depth + 1, 6);
      return `<section><h${level}>${escapeHtml(block.title)}</h${level}>${block.blocks.map((b) => renderBlock(b, depth + 1)).join('\n')}</section>`;
    }
  }
}

export function modelCardToHtml(card: unknown): string {
  const view = cardView(card);
  const body = view.sections
    .map(
      (s) =>
        `<section>\n<h2>${escapeHtml(s.title)}</h2>\n${s.blocks.map((b) => renderBlock(b, 2)).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(view.title)}</h1>
${view.subtitle ? `<p class="subtitle">${escapeHtml(view.subtitle)}</p>\n` : ''}${body}
</body>
</html>
`;
}
