import { fromEnv } from "../../platform";

describe("fromEnv", () => {
  afterEach(() => delete process.env.LAKEHOUSE_TEST_VALUE);

  it("uses the variable when it is set", () => {
    process.env.LAKEHOUSE_TEST_VALUE = "123456789012";
    expect(fromEnv("LAKEHOUSE_TEST_VALUE", "111111111111")).toBe("123456789012");
  });

  it("falls back to the placeholder when the variable is unset or empty", () => {
    expect(fromEnv("LAKEHOUSE_TEST_VALUE", "111111111111")).toBe("111111111111");
    process.env.LAKEHOUSE_TEST_VALUE = "";
    expect(fromEnv("LAKEHOUSE_TEST_VALUE", "111111111111")).toBe("111111111111");
  });
});
