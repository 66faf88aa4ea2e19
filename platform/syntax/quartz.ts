/**
 * Quartz cron as Databricks jobs take it: "sec min hour day-of-month month day-of-week [year]",
 * with exactly one of day-of-month / day-of-week set to "?".
 * Returns null when valid, else what is wrong.
 */
const FIELDS = [
  { name: "seconds", min: 0, max: 59 },
  { name: "minutes", min: 0, max: 59 },
  { name: "hours", min: 0, max: 23 },
  { name: "day-of-month", min: 1, max: 31, extra: /^(?:\?|L|LW|\d{1,2}W)$/ },
  { name: "month", min: 1, max: 12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] },
  { name: "day-of-week", min: 1, max: 7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], extra: /^(?:\?|[1-7]L|[1-7]#[1-5])$/ },
  { name: "year", min: 1970, max: 2099 },
];

function value(token: string, f: (typeof FIELDS)[number]): number | null {
  const named = f.names?.indexOf(token.toUpperCase()) ?? -1;
  if (named >= 0) return named + 1;
  if (!/^\d+$/.test(token)) return null;
  const n = Number(token);
  return n >= f.min && n <= f.max ? n : null;
}

function checkField(text: string, f: (typeof FIELDS)[number]): boolean {
  if (f.extra?.test(text.toUpperCase())) return true;
  return text.split(",").every((part) => {
    const [range, step] = part.split("/");
    if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1)) return false;
    if (range === "*") return true;
    const [lo, hi] = range.split("-");
    const a = value(lo, f);
    if (a === null) return false;
    if (hi === undefined) return true;
    const b = value(hi, f);
    return b !== null && a <= b;
  });
}

export function quartzCronError(expr: string): string | null {
  const parts = expr.trim().split(/\s+/);
  if (parts.length < 6 || parts.length > 7) return `expected 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), found ${parts.length}`;
  for (let i = 0; i < parts.length; i++) {
    if (!checkField(parts[i], FIELDS[i])) return `the ${FIELDS[i].name} field "${parts[i]}" is not valid Quartz syntax`;
  }
  if ((parts[3] === "?") === (parts[5] === "?")) return 'exactly one of day-of-month and day-of-week must be "?"';
  return null;
}
