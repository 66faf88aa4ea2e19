/** One thing wrong with a spec: where, what was there, and what would be accepted. */
export interface Problem {
  /** Path into the spec, e.g. "environments[1].compute.minWorkers". */
  readonly path: string;
  /** The offending value. */
  readonly value: unknown;
  /** What is wrong and what would be accepted. */
  readonly message: string;
}

export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  return segments
    .map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? String(s) : `.${String(s)}`))
    .join("");
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatProblem(p: Problem): string {
  return `${p.path || "(spec)"}: ${p.message} (got ${show(p.value)})`;
}

/** Thrown once with every problem of a spec; synth writes nothing when it is thrown. */
export class SpecError extends Error {
  constructor(readonly problems: ReadonlyArray<Problem>) {
    super(
      `The platform spec has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join("\n"),
    );
    this.name = "SpecError";
  }
}
