import { formatCidr, natSubnetBlock } from "../../platform/network";

describe("natSubnetBlock", () => {
  it("is the last /28 of the VPC range", () => {
    expect(formatCidr(natSubnetBlock("10.30.0.0/16")!)).toBe("10.30.255.240/28");
    expect(formatCidr(natSubnetBlock("172.16.64.0/20")!)).toBe("172.16.79.240/28");
  });

  it("fails if the VPC CIDR is not a CIDR block", () => {
    expect(natSubnetBlock("10.0.0.0")).toBeNull();
  });
});
