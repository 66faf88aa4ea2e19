// Registers cdktf's matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) for every test file.
import { Testing } from "cdktf";

Testing.setupJest();
