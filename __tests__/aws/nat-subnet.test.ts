import { natSubnetCidr } from "../../constructs/aws/nat-subnet";

describe("natSubnetCidr", () => {
  it("is the last /28 of the VPC range", () => {
    expect(natSubnetCidr("10.30.0.0/16", ["10.30.0.0/19", "10.30.32.0/19"])).toBe("10.30.255.240/28");
    expect(natSubnetCidr("172.16.64.0/20", ["172.16.64.0/22"])).toBe("172.16.79.240/28");
  });

  it("fails if a private subnet takes the top of the VPC range", () => {
    expect(() => natSubnetCidr("10.0.0.0/16", ["10.0.0.0/17", "10.0.128.0/17"])).toThrow(
      "the NAT subnet 10.0.255.240/28 (the last /28 of vpcCidr 10.0.0.0/16) overlaps private subnet 10.0.128.0/17",
    );
  });

  it("fails if the VPC CIDR is not a CIDR block", () => {
    expect(() => natSubnetCidr("10.0.0.0", [])).toThrow("vpcCidr 10.0.0.0 is not an IPv4 CIDR block");
  });
});
