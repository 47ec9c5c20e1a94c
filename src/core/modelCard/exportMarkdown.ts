// The model card as Markdown: headings per section, tables for metrics and group analyses,
// every text escaped so that what the user wrote shows as written (no stray HTML, no tables
// broken by a `|`).
import { cardView, type Block } from './cardView';

/** Text safe in Markdown: HTML and Markdown punctuation escaped, line breaks kept as spaces in cells. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/^([#+=-])/gm, '\\$1');
}

const cell = (text: string) => escapeMarkdown(text).replace(/\r?\n/g, ' ');

function renderBlock(block: Block, depth: number): string {
  switch (block.kind) {
    case 'paragraph':
      return escapeMarkdown(block.text);
    case 'list':
      return block.items.map((i) => `- ${cell(i)}`).join('\n');
    case 'fields':
      return block.entries.map(([label, value]) => `- **${cell(label)}:** ${cell(value)}`).join('\n');
    case 'table':
      return [
        `| ${block.columns.map(cell).join(' | ')} |`,
        `| ${block.columns.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
      ].join('\n');
    case 'section':
      return [
        `${'#'.repeat(Math.min(depth + 1, 6))} ${cell(block.title)}`,
        ...block.blocks.map((b) => renderBlock(b, depth + 1)),
      ].join('\n\n');
  }
}

export function modelCardToMarkdown(card: unknown): string {
  const view = cardView(card);
  const parts = [`# ${cell(view.title)}`];
  if (view.subtitle) parts.push(`_${cell(view.subtitle)}_`);
  for (const section of view.sections) {
    parts.push(`## ${cell(section.title)}`);
    parts.push(...section.blocks.map((b) => renderBlock(b, 2)));
  }
  return parts.join('\n\n') + '\n';
}
