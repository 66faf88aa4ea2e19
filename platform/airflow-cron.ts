/**
 * The environment's Quartz schedule as the 5-field cron Airflow takes (minute hour day-of-month
 * month day-of-week), for environments an Airflow DAG triggers. Quartz has seconds, an optional
 * year, "?" and numbers Sunday 1 where cron numbers it 0; L, W and # have no cron equivalent that
 * every Airflow cron parser accepts, so such a schedule is refused rather than approximated.
 */
export type AirflowCron = { readonly cron: string } | { readonly error: string };

/** Quartz day-of-week numbers (SUN=1..SAT=7) as cron's (SUN=0..SAT=6); names and steps stay. */
function shiftDayOfWeek(field: string): string {
  return field
    .split(",")
    .map((part) => {
      const [range, step] = part.split("/");
      const shifted = range
        .split("-")
        .map((token) => (/^\d+$/.test(token) ? String(Number(token) - 1) : token))
        .join("-");
      return step === undefined ? shifted : `${shifted}/${step}`;
    })
    .join(",");
}

/** Assumes a valid Quartz expression (rules/environments.ts checks it first with syntax/quartz.ts). */
export function airflowCron(quartz: string): AirflowCron {
  const [seconds, minutes, hours, dayOfMonth, month, dayOfWeek, year] = quartz.trim().split(/\s+/);
  if (seconds !== "0") return { error: `Airflow schedules by the minute: the seconds field must be "0", found "${seconds}"` };
  if (year !== undefined && year !== "*") return { error: `Airflow cron has no year field: leave it out or "*", found "${year}"` };
  if (/[LW#]/i.test(`${dayOfMonth} ${dayOfWeek}`.replace(/WED/gi, ""))) {
    return { error: `L, W and # have no Airflow cron equivalent: found "${dayOfMonth} ${dayOfWeek}" (day-of-month day-of-week)` };
  }
  const dom = dayOfMonth === "?" ? "*" : dayOfMonth;
  const dow = dayOfWeek === "?" ? "*" : shiftDayOfWeek(dayOfWeek);
  return { cron: [minutes, hours, dom, month, dow].join(" ") };
}
