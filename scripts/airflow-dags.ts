/**
 * Writes the Airflow DAGs of a spec module (its `platform` export) to `<folder>/airflow/`, without a synth:
 * `npx tsx scripts/airflow-dags.ts <spec module> <folder>`. The pytest suite loads them in Airflow.
 */
import { DERIVED_NAME_RULES } from "../naming/rules";
import { validatePlatform } from "../platform";
import { writeAirflowDags } from "../stacks/app";
import { loadSpecModule } from "../stacks/spec-module";

const [spec, folder] = process.argv.slice(2);
if (!spec || !folder) throw new Error("usage: npx tsx scripts/airflow-dags.ts <spec module> <folder>");
writeAirflowDags(validatePlatform(loadSpecModule(spec), DERIVED_NAME_RULES), folder);
