import { accessRules } from "./access";
import { azureRules } from "./azure";
import { datasetRules } from "./datasets";
import { environmentRules } from "./environments";
import { goldRules } from "./gold";
import { observabilityRules } from "./observability";
import type { SpecRule } from "./rule";

/** Every cross-field rule; validation runs them all and reports every problem at once. */
export const SPEC_RULES: ReadonlyArray<SpecRule> = [environmentRules, datasetRules, goldRules, accessRules, azureRules, observabilityRules];
