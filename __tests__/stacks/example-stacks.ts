/** The example's six stacks, synthesized once per test file, as parsed Terraform JSON. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Testing } from "cdktf";
import { type Platform, validatePlatform } from "../../platform";
import { buildApp } from "../../stacks/app";

export type Block = Record<string, unknown> & { lifecycle?: { prevent_destroy?: boolean } };
export type StackJson = {
  terraform: { required_version?: string; backend: Record<string, Record<string, unknown>> };
  provider: Record<string, Record<string, unknown>[]>;
  resource: Record<string, Record<string, Block>>;
};

export function synthStacks(input: unknown): Map<string, StackJson> {
  const platform: Platform = validatePlatform(input);
  const notebookDir = fs.mkdtempSync(path.join(os.tmpdir(), "example-stacks-"));
  try {
    const stacks = buildApp(platform, Testing.app(), notebookDir);
    return new Map(stacks.map((s) => [s.node.id, JSON.parse(Testing.synth(s)) as StackJson]));
  } finally {
    fs.rmSync(notebookDir, { recursive: true, force: true });
  }
}

/** Every resource as [type, name, body]. */
export const resources = (stack: StackJson): [string, string, Block][] =>
  Object.entries(stack.resource).flatMap(([type, items]) => Object.entries(items).map(([name, body]): [string, string, Block] => [type, name, body]));
