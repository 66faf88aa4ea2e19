// Preloaded into each benchmarked process: reports its peak resident memory when it exits.
const fs = require("node:fs");
process.on("exit", () => {
  if (process.env.BENCH_USAGE_FILE) fs.writeFileSync(process.env.BENCH_USAGE_FILE, String(process.resourceUsage().maxRSS));
});
