/** Synthesizes Azure constructs in a throwaway stack and reads resources back from the JSON. */
import { TerraformStack, Testing } from "cdktf";

export type Synthesized = {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Record<string, unknown>[]>;
  output?: Record<string, { value: unknown }>;
};

/** Builds whatever `build` adds to a fresh stack and returns the parsed synth output. */
export function synthStack(build: (stack: TerraformStack) => void): Synthesized {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** The resources of one type, by construct id. */
export const resources = (out: Synthesized, type: string) => out.resource[type] ?? {};

/** The only resource of a type; fails the test when there are none or several. */
export function only(out: Synthesized, type: string): Record<string, unknown> {
  const all = Object.values(resources(out, type));
  expect(all).toHaveLength(1);
  return all[0];
}

/** The terraform address of a resource created by the given construct (its id path ends with `suffix`). */
export function address(out: Synthesized, type: string, idPart: string): string {
  const key = Object.keys(resources(out, type)).find((k) => k.includes(idPart));
  if (!key) throw new Error(`no ${type} whose id contains ${idPart}`);
  return `${type}.${key}`;
}
