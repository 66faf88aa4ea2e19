import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { rule } from "../rule";

const MODERN_TLS = ["TLS1_2", "TLS1_3"];

/** Data in transit is always encrypted: HTTPS only, and no TLS older than 1.2. */
export const azureStorageTls = rule("LH-AZ-STORAGE-TLS", (node) => {
  if (!(node instanceof StorageAccount)) return undefined;
  const fixes: string[] = [];
  if (!MODERN_TLS.includes(String(node.minTlsVersionInput))) fixes.push('set minTlsVersion: "TLS1_2" on the storage account');
  if (node.httpsTrafficOnlyEnabledInput === false) fixes.push("remove httpsTrafficOnlyEnabled: false (HTTPS only is the default)");
  return fixes;
});
