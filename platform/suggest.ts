/** "Did you mean" hints: the closest accepted name by edit distance, when it is close enough to be a typo. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The accepted name closest to `given`, or undefined when none is within a third of its length. */
export function closest(given: string, accepted: Iterable<string>): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of accepted) {
    const d = distance(given.toLowerCase(), name.toLowerCase());
    if (d <= Math.max(1, Math.floor(Math.max(given.length, name.length) / 3)) && (!best || d < best.d)) best = { name, d };
  }
  return best?.name;
}

/** ' (did you mean "x"?)' or "". */
export const didYouMean = (given: string, accepted: Iterable<string>) => {
  const hint = closest(given, accepted);
  return hint === undefined ? "" : ` (did you mean "${hint}"?)`;
};
