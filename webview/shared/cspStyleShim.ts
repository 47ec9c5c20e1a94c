// Plotly (and MapLibre inside the Plotly bundle) style things in two ways the panel's policy
// (style-src with a nonce, no 'unsafe-inline') refuses: they add their own <style> elements at
// run time (Plotly then logs "Cannot addRelatedStyleRule, probably due to strict CSP" and loses
// its hover and modebar rules), and they set `style` attributes with setAttribute (colorbars of
// heatmaps, contours and colored markers). Rather than loosen the policy, styling done by our
// already-trusted scripts is routed where the policy allows it: created <style> elements get the
// page's nonce, and script-set `style` attributes go through the CSSOM (element.style), which
// CSP does not restrict. Markup injected into the page gets neither, so it stays refused.
// This module must run before Plotly loads, which is why the report bundle precedes plotly.js
// in the page (src/extension/panels/html.ts).

declare global {
  interface Window {
    /** Lit's fallback for browsers without adoptedStyleSheets reads this. */
    litNonce?: string;
  }
}

let installed = false;

/** The nonce of the script that is running now, read while it runs (currentScript is null later). */
function currentNonce(): string | undefined {
  const script = document.currentScript as HTMLScriptElement | null;
  return script?.nonce || script?.getAttribute('nonce') || undefined;
}

function nonceNewStyleElements(nonce: string): void {
  const createElement = document.createElement.bind(document) as (
    tag: string,
    options?: ElementCreationOptions,
  ) => HTMLElement;
  document.createElement = function (tagName: string, options?: ElementCreationOptions) {
    const element = createElement(tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as typeof document.createElement;
}

function styleAttributesThroughCssom(): void {
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };
}

export function installCspStyleShim(): void {
  if (installed) return;
  installed = true;
  const nonce = currentNonce();
  if (!nonce) return;
  window.litNonce = nonce;
  nonceNewStyleElements(nonce);
  styleAttributesThroughCssom();
}

installCspStyleShim();
