/** Mermaid building blocks: node ids and quoted labels that any spec's names survive. */

/** A node id: names are lower-case identifiers already; the prefix keeps ids of different kinds apart. */
export const nodeId = (kind: string, name: string) => `${kind}_${name.replace(/[^a-zA-Z0-9_]/g, "_")}`;

/** A quoted label: double quotes become the HTML entity Mermaid reads inside labels. */
export const label = (text: string) => `"${text.replace(/"/g, "#quot;")}"`;

/** A fenced Mermaid block for Markdown. */
export const fence = (diagram: string) => ["```mermaid", diagram, "```"].join("\n");
