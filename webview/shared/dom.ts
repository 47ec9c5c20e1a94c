// A tiny element builder. Text always goes in as text nodes (never innerHTML), so file paths
// and details from the project cannot inject markup; and no inline style attributes, which
// the panel's policy refuses: appearance comes from classes in media/report.css.

type Child = Node | string | number | null | undefined | false;

export interface Attributes {
  class?: string;
  [name: string]: string | number | boolean | undefined;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'style') throw new Error('Inline styles are refused by the report policy; use a class.');
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Same as h() for custom elements such as <vscode-button>. */
export function custom(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  return h(tag as 'div', attributes, ...children);
}
