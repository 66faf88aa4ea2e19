/** Synth helpers for the AWS tests: a stack per test subject, and look-ups by construct path. */
import { TerraformStack, Testing } from "cdktf";

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
export interface Synth {
  readonly resource: Blocks;
  readonly data: Blocks;
  readonly provider: Record<string, Record<string, unknown>[]>;
  readonly output: Record<string, { readonly value: unknown }>;
}

export function synth(build: (stack: TerraformStack) => void): Synth {
  const stack = new TerraformStack(Testing.app(), "test");
  build(stack);
  const out = JSON.parse(Testing.synth(stack));
  return { resource: out.resource ?? {}, data: out.data ?? {}, provider: out.provider ?? {}, output: out.output ?? {} };
}

/**
 * The block of `type` whose logical id holds `path` (construct ids joined by "_", e.g.
 * "lake_bronze_bucket"), with its Terraform address. Exactly one must match.
 */
export function find(blocks: Blocks, type: string, path: string): { readonly address: string; readonly block: Record<string, unknown> } {
  const keys = Object.keys(blocks[type] ?? {}).filter((k) => k.replace(/_[0-9A-F]{8}$/, "").endsWith(path));
  if (keys.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${keys.length}: ${Object.keys(blocks[type] ?? {}).join(", ")}`);
  return { address: `${type}.${keys[0]}`, block: blocks[type][keys[0]] };
}

export const res = (out: Synth, type: string, path: string) => find(out.resource, type, path);
export const data = (out: Synth, type: string, path: string) => {
  const found = find(out.data, type, path);
  return { address: `data.${found.address}`, block: found.block };
};
/** Every block of a type. */
export const all = (blocks: Blocks, type: string) => Object.values(blocks[type] ?? {});
/** A Terraform reference to an attribute of a block, as synth writes it. */
export const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;
