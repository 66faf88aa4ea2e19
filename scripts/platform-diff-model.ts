/**
 * `tsx scripts/platform-diff-model.ts <checkout>`: prints the validated model of the spec at that
 * checkout as JSON, loaded and validated by the checkout's own code (the built-in example, or
 * LAKEHOUSE_SPEC relative to the checkout). Run in a child process per commit by platform-diff.ts,
 * so the two commits' modules never share a cache.
 */
import * as path from "node:path";

const root = path.resolve(process.argv[2] ?? ".");
/* eslint-disable @typescript-eslint/no-require-imports -- the checkout's modules, chosen at run time */
const { validatePlatform } = require(path.join(root, "platform")) as { validatePlatform: (input: unknown) => unknown };
const file = process.env.LAKEHOUSE_SPEC;
const spec = file
  ? (require(path.join(root, "stacks/spec-module")) as { loadSpecModule: (f: string, cwd: string) => unknown }).loadSpecModule(file, root)
  : (require(path.join(root, "examples/retail")) as { retailPlatform: unknown }).retailPlatform;
/* eslint-enable @typescript-eslint/no-require-imports */
process.stdout.write(JSON.stringify(validatePlatform(spec)));
