// Registers cdktf's matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) for every test file.
import { Testing } from "cdktf";
import { PLACEHOLDERS_VARIABLE } from "../platform";

Testing.setupJest();

// Tests assert on the example's placeholders: every fromEnv value is its placeholder, whatever the
// shell exports (AWS_ACCOUNT_ID_DEV=... npm test) and whether or not CI=true.
process.env[PLACEHOLDERS_VARIABLE] = "1";
