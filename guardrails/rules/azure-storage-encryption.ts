import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { rule } from "../rule";

/** Infrastructure encryption adds a second, independent layer of encryption under the service one. */
export const azureStorageEncryption = rule("LH-AZ-STORAGE-ENCRYPTION", (node) => {
  if (!(node instanceof StorageAccount)) return undefined;
  return node.infrastructureEncryptionEnabledInput === true ? [] : ["set infrastructureEncryptionEnabled: true on the storage account"];
});
