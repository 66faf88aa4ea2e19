/**
 * Deploy-time values (account ids, state buckets) come from environment variables; the placeholder
 * keeps `npm run synth` working with no credentials. The variable wins when it is set.
 */
export function fromEnv(variable: string, placeholder: string): string {
  const value = process.env[variable];
  return value !== undefined && value !== "" ? value : placeholder;
}
