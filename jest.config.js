/** Jest runs the TypeScript side; @swc/jest strips types (tsc --noEmit type-checks separately). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest"], "^.+\\.m?js$": ["@swc/jest", { module: { type: "commonjs" } }] },
  // dt-sql-parser and its ANTLR runtime ship as ES modules only: compiled to CommonJS like our code.
  transformIgnorePatterns: ["/node_modules/(?!(dt-sql-parser|antlr4ng|antlr4-c3)/)"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 60000,
};
