import type { SpecRule } from "../../platform/rules/rule";
import { derivedNameRules } from "./derived";
import { storageNameRules } from "./storage";

/** The rules that check names the platform derives; validatePlatform runs them after the spec's own rules. */
export const DERIVED_NAME_RULES: ReadonlyArray<SpecRule> = [derivedNameRules, storageNameRules];
