/**
 * The platform diff: two validated models (and the stacks synthesized from them) -> what a pull
 * request changes, in the platform's own terms. Pure; scripts/platform-diff.ts loads both commits.
 */
import type { Platform } from "../platform";
import { accessChanges } from "./access";
import type { Change } from "./change";
import { datasetChanges, goldChanges } from "./datasets";
import { environmentsChanges } from "./environments";
import { statefulDestroys, type TerraformJson } from "./stateful";

export type { Change } from "./change";
export { EVERY_ENVIRONMENT } from "./change";
export { diffLines, renderDiff } from "./render";
export type { TerraformJson } from "./stateful";

export function diffPlatforms(
  base: Platform,
  head: Platform,
  stacks: { readonly base: Readonly<Record<string, TerraformJson>>; readonly head: Readonly<Record<string, TerraformJson>> } = { base: {}, head: {} },
): Change[] {
  return [...datasetChanges(base, head), ...goldChanges(base, head), ...accessChanges(base, head), ...environmentsChanges(base, head), ...statefulDestroys(stacks.base, stacks.head)];
}
