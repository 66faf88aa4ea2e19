export * from "./schema";
export { validatePlatform } from "./validate";
export { SpecError, type Problem, formatProblem } from "./problem";
export { silverColumns } from "./columns";
export { fromEnv } from "./from-env";
export { warnFailedFraction } from "./monitoring";
