import "server-only";
import { Window } from "happy-dom";

/**
 * A DOM document for turning commentary into HTML and back on the server: happy-dom with
 * script evaluation and every kind of loading switched off, so markup put into it can never
 * run or fetch anything. Build one per process and reuse it (rendering is synchronous).
 */
export function createScriptlessDocument(): Document {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  return window.document as unknown as Document;
}
