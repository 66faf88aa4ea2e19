import type { Problem } from "../problem";
import type { Platform } from "../schema";
import { warnFailedFraction } from "../monitoring";
import { quartzCronError } from "../syntax/quartz";
import type { SpecRule } from "./rule";

/** Classic and pro SQL warehouses cannot stop sooner than this; serverless ones can. */
const CLASSIC_MIN_AUTO_STOP = 10;

/** Alerts, warehouse and budgets: each environment's observability block and each dataset's warning threshold. */
export const observabilityRules: SpecRule = (p: Platform) => {
  const problems: Problem[] = [];
  p.environments.forEach((env, i) => {
    const at = `environments[${i}].observability`;
    const { warehouse, alerts, budgets } = env.observability;
    if (!warehouse.serverless && warehouse.autoStopMinutes < CLASSIC_MIN_AUTO_STOP) {
      problems.push({
        path: `${at}.warehouse.autoStopMinutes`,
        value: warehouse.autoStopMinutes,
        message: `a classic warehouse (serverless: false) stops after at least ${CLASSIC_MIN_AUTO_STOP} minutes; set >= ${CLASSIC_MIN_AUTO_STOP} or serverless: true`,
      });
    }
    const cron = quartzCronError(alerts.quartzCron);
    if (cron) problems.push({ path: `${at}.alerts.quartzCron`, value: alerts.quartzCron, message: cron });
    if ((budgets.recipients ?? env.notifications.emails).length === 0) {
      problems.push({
        path: `${at}.budgets.recipients`,
        value: budgets.recipients ?? [],
        message: "budget alerts need at least one e-mail: set budgets.recipients or notifications.emails",
      });
    }
    if (new Set(budgets.thresholdsPercent).size !== budgets.thresholdsPercent.length) {
      problems.push({ path: `${at}.budgets.thresholdsPercent`, value: budgets.thresholdsPercent, message: "thresholds must be distinct percentages" });
    }
  });
  p.datasets.forEach((ds, i) => {
    const warn = warnFailedFraction(ds);
    if (warn >= ds.quality.maxFailedFraction && ds.quality.maxFailedFraction > 0) {
      problems.push({
        path: `datasets[${i}].monitoring.warnFailedFraction`,
        value: warn,
        message: `must be below quality.maxFailedFraction (${ds.quality.maxFailedFraction}): the warning comes before the gate`,
      });
    }
  });
  return problems;
};
