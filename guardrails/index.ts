export { applyGuardrails, GuardrailsAspect, SUMMARY_FILE, type SuppressedFinding } from "./aspect";
export { lakehousePack, type LakehousePackOptions } from "./packs/lakehouse";
export { type Finding, type Rule, rule } from "./rule";
export { suppress, suppressionFor, type Suppression } from "./suppressions";
export { DestroyProtectionAspect, protectStatefulResources } from "./destroy-protection";
export { STATEFUL_RESOURCE_TYPES } from "./stateful-resources";
export { BASELINE_REQUIREMENTS, type RequirementsByStack, type WorkspaceRequirements } from "./workspace-requirements";
