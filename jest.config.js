/** Jest runs the TypeScript side; @swc/jest strips types (tsc --noEmit type-checks separately). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest"],
    // dt-sql-parser and its ANTLR runtime ship ES modules only; jest runs CommonJS.
    "^.+\\.m?js$": ["@swc/jest", { module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!(dt-sql-parser|antlr4ng|antlr4-c3)/)"],
  moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 60000,
};
