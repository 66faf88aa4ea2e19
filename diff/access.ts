import type { AccessLevel, Platform, PrincipalSpec } from "../platform";
import { byKey, type Change, EVERY_ENVIRONMENT } from "./change";

const LAYERS = ["landing", "bronze", "silver", "gold"] as const;
const RANK: Record<AccessLevel | "none", number> = { none: 0, read: 1, write: 2, manage: 3 };
const at = (line: string, weakens: boolean): Change => ({ scope: EVERY_ENVIRONMENT, line, weakens });

function grants(p: PrincipalSpec): string {
  const layers = LAYERS.filter((l) => p.layers[l]).map((l) => `${l} ${p.layers[l]}`);
  return layers.length > 0 ? layers.join(", ") : "no layer";
}

/** Grants per principal and layer, who reads PII in clear, and the job's run-as principal. */
export function accessChanges(base: Platform, head: Platform): Change[] {
  const { removed, added, kept } = byKey(base.access.principals, head.access.principals, (p) => p.name);
  const changes: Change[] = [];
  for (const p of removed) changes.push(at(`principal ${p.name} removed (had ${grants(p)})`, false));
  for (const p of added) {
    changes.push(at(`principal ${p.name} added: ${grants(p)}`, LAYERS.some((l) => p.layers[l])));
    if (p.pii) changes.push(at(`${p.name} reads PII in clear (new principal)`, true));
  }
  for (const [a, b] of kept) {
    for (const layer of LAYERS) {
      const [before, after]: (AccessLevel | "none")[] = [a.layers[layer] ?? "none", b.layers[layer] ?? "none"];
      if (before === after) continue;
      const widened = RANK[after] > RANK[before];
      changes.push(at(`${b.name} on ${layer}: ${before} -> ${after} (${widened ? "widened" : "narrowed"})`, widened));
    }
    if (Boolean(a.pii) !== Boolean(b.pii)) changes.push(at(b.pii ? `${b.name} now reads PII in clear` : `${b.name} no longer reads PII in clear`, Boolean(b.pii)));
  }
  if (base.access.jobRunAs !== head.access.jobRunAs) {
    changes.push(at(`the job runs as ${head.access.jobRunAs} (was ${base.access.jobRunAs}), which reads PII in clear`, true));
  }
  return changes;
}
