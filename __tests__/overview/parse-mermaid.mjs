// Parses Mermaid diagrams with the Mermaid project's own parser (mermaid.parse). Mermaid is an ES
// module that needs a DOM (DOMPurify), so it runs here under Node with jsdom rather than in jest.
// stdin: a JSON array of diagram sources; stdout: a JSON array of { ok, type } or { ok, error }.
import { JSDOM } from "jsdom";

const { window } = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const results = [];
for (const diagram of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  try {
    const parsed = await mermaid.parse(diagram);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));
