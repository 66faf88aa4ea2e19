/** Jest runs the TypeScript side; @swc/jest strips types (tsc --noEmit type-checks separately). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest"], "/node_modules/(dt-sql-parser|antlr4-c3)/.+\\.m?js$": ["@swc/jest"] },
  // dt-sql-parser and its antlr4-c3 ship ES modules only: compiled to CommonJS like the sources.
  transformIgnorePatterns: ["/node_modules/(?!(dt-sql-parser|antlr4-c3)/)"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 60000,
};
