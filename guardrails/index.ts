export { applyGuardrails, GuardrailsAspect, SUMMARY_FILE, type SuppressedFinding } from "./aspect";
export { lakehousePack, type LakehousePackOptions } from "./packs/lakehouse";
export { type Finding, type Rule, rule } from "./rule";
export { suppress, suppressionFor, type Suppression } from "./suppressions";
