export * from "./common";
export * from "./compute";
export * from "./schedule";
export * from "./environment";
export * from "./dataset";
export * from "./gold";
export * from "./access";
export * from "./platform";
