import { accessRules } from "./access";
import { azureRules } from "./azure";
import { datasetRules } from "./datasets";
import { environmentRules } from "./environments";
import { goldRules } from "./gold";
import type { SpecRule } from "./rule";
import { regexRules } from "./regex";
import { sqlRules } from "./sql";

/** Every cross-field rule; validation runs them all and reports every problem at once. */
export const SPEC_RULES: ReadonlyArray<SpecRule> = [environmentRules, datasetRules, goldRules, accessRules, azureRules, sqlRules, regexRules];
