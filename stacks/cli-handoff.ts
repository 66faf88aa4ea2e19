/**
 * The cdktf CLI (@cdktf/cli-core 0.21.0, lib/synth-stack.js `SynthStack.synth`) lists the folders
 * under <outdir>/stacks before it runs the app, and afterwards deletes each one the new output
 * lacks, without `force`. synthPlatform replaces the whole output folder, so those folders are
 * already gone and the CLI's delete fails with ENOENT (a one-stack spec after the example: "lstat
 * 'cdktf.out/stacks/aws-prod'"). Leaving an empty folder under each such name lets the CLI finish
 * its own cleanup, and the output ends as exactly the new stacks.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** The stack folders under `outdir`/stacks, by name ([] without one). */
export function stackFolders(outdir: string): string[] {
  const stacks = path.join(outdir, "stacks");
  if (!fs.existsSync(stacks)) return [];
  return fs.readdirSync(stacks, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [e.name] : []));
}

/** Re-creates, empty, each of `previous` that the new output under `outdir` lacks: the CLI deletes them next. */
export function leaveRemovedStacksToCli(outdir: string, previous: ReadonlyArray<string>): void {
  const current = new Set(stackFolders(outdir));
  for (const name of previous) if (!current.has(name)) fs.mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
}
