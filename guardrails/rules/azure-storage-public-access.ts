import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { rule } from "../rule";

/** azurerm lets containers be made public unless the account forbids it; the lake never should be. */
export const azureStoragePublicAccess = rule("LH-AZ-STORAGE-PUBLIC-ACCESS", (node) => {
  if (!(node instanceof StorageAccount)) return undefined;
  return node.allowNestedItemsToBePublicInput === false ? [] : ["set allowNestedItemsToBePublic: false on the storage account"];
});
