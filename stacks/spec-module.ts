import * as fs from "node:fs";
import * as path from "node:path";

/** LAKEHOUSE_SPEC names no loadable spec module; the message is one line saying what to fix. */
export class SpecModuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpecModuleError";
  }
}

/**
 * The `platform` export of the module at `file` (a .ts or .js path, relative to `cwd`). Every way
 * it can fail is one SpecModuleError: no such file, a module that throws while loading, no
 * `platform` export.
 */
export function loadSpecModule(file: string, cwd = process.cwd()): unknown {
  const resolved = path.resolve(cwd, file);
  if (!fs.existsSync(resolved) || !fs.statSync(resolved).isFile()) {
    throw new SpecModuleError(`LAKEHOUSE_SPEC=${file}: no such file (looked for ${resolved}); give the path of a .ts or .js module that exports "platform"`);
  }
  let mod: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(resolved) as Record<string, unknown>;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new SpecModuleError(`LAKEHOUSE_SPEC=${file}: the module failed to load: ${first}`);
  }
  if (mod.platform === undefined) {
    const exported = Object.keys(mod).filter((k) => k !== "__esModule");
    throw new SpecModuleError(
      `LAKEHOUSE_SPEC=${file}: the module must export the spec as "platform" (export const platform: PlatformInput = { ... }); it exports ${exported.length > 0 ? exported.map((k) => `"${k}"`).join(", ") : "nothing"}`,
    );
  }
  return mod.platform;
}
