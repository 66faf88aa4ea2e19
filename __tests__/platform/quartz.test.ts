import { quartzCronError } from "../../platform/syntax/quartz";

describe("quartzCronError", () => {
  it.each([
    "0 0 2 * * ?",
    "0 0/15 * ? * MON-FRI",
    "0 30 3 ? * 2#1",
    "0 0 12 L * ?",
    "0 0 6 15W JAN,JUL ? 2027",
    "*/30 * * * * ?",
  ])("accepts %s", (cron) => expect(quartzCronError(cron)).toBeNull());

  it.each([
    ["0 2 * * *", "expected 6 or 7 fields"],
    ["0 0 2 * * MON", 'exactly one of day-of-month and day-of-week must be "?"'],
    ["0 60 2 * * ?", 'the minutes field "60"'],
    ["0 0 25 * * ?", 'the hours field "25"'],
    ["0 0 2 ? FOO MON", 'the month field "FOO"'],
    ["0 0 2 ? * MON-SUN", 'the day-of-week field "MON-SUN"'],
  ])("fails if the expression is %s", (cron, message) => expect(quartzCronError(cron)).toContain(message));
});
