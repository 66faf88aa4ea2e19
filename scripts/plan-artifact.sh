#!/usr/bin/env bash
# Encrypts a stack's saved plan (tfplan: the prior state and every planned value, in clear) so the
# plan artifact can leave the runner, and decrypts it in the apply job:
#   scripts/plan-artifact.sh seal <stack-dir>   tfplan -> tfplan.enc + tfplan.key (tfplan removed)
#   scripts/plan-artifact.sh open <stack-dir>   tfplan.enc + tfplan.key -> tfplan
# Envelope encryption: a fresh random data key encrypts tfplan (openssl, AES-256); the data key is
# wrapped by the stack's cloud key, PLAN_ARTIFACT_KEY: an AWS KMS key ARN (aws-* stacks, the
# encryption context names the stack) or an Azure Key Vault key id (azure-* stacks, RSA-OAEP-256).
# The plan identity may only encrypt (kms:Encrypt, Key Vault "encrypt"); only the deploy identities
# may decrypt, so a reader of the repository who downloads the artifact gets ciphertext.
# Needs STACK and PLAN_ARTIFACT_KEY, and the cloud login of the job.
set -euo pipefail

mode=${1:-}
dir=${2:-}
if [[ ! "$mode" =~ ^(seal|open)$ ]] || [ ! -d "$dir" ]; then
  echo "usage: scripts/plan-artifact.sh seal|open <stack-dir>" >&2
  exit 2
fi
: "${STACK:?STACK is not set}"
if [ -z "${PLAN_ARTIFACT_KEY:-}" ]; then
  echo "::error::PLAN_ARTIFACT_KEY is not set for $STACK: give the stack's GitHub environments the variable (docs/deploying.md, 'The plan artifact')" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wrap() {
  case "$STACK" in
    aws-*) aws kms encrypt --key-id "$PLAN_ARTIFACT_KEY" --plaintext "fileb://$1" --encryption-context "stack=$STACK" --query CiphertextBlob --output text ;;
    azure-*) az keyvault key encrypt --id "$PLAN_ARTIFACT_KEY" --algorithm RSA-OAEP-256 --data-type base64 --value "$(base64 -w0 "$1")" --query result --output tsv ;;
    *) echo "::error::no cloud key for stack '$STACK'" >&2; return 1 ;;
  esac
}

unwrap() {
  case "$STACK" in
    aws-*)
      base64 -d "$1" > "$work/wrapped.bin"
      aws kms decrypt --key-id "$PLAN_ARTIFACT_KEY" --ciphertext-blob "fileb://$work/wrapped.bin" --encryption-context "stack=$STACK" --query Plaintext --output text | base64 -d
      ;;
    azure-*) az keyvault key decrypt --id "$PLAN_ARTIFACT_KEY" --algorithm RSA-OAEP-256 --data-type base64 --value "$(cat "$1")" --query result --output tsv | base64 -d ;;
    *) echo "::error::no cloud key for stack '$STACK'" >&2; return 1 ;;
  esac
}

if [ "$mode" = seal ]; then
  openssl rand -hex 32 > "$work/data-key"
  openssl enc -aes-256-cbc -pbkdf2 -salt -pass "file:$work/data-key" -in "$dir/tfplan" -out "$dir/tfplan.enc"
  wrap "$work/data-key" > "$dir/tfplan.key"
  [ -s "$dir/tfplan.key" ] || { echo "::error::wrapping the data key of $STACK's plan returned nothing" >&2; exit 1; }
  rm -f "$dir/tfplan"
else
  unwrap "$dir/tfplan.key" > "$work/data-key"
  openssl enc -d -aes-256-cbc -pbkdf2 -pass "file:$work/data-key" -in "$dir/tfplan.enc" -out "$dir/tfplan"
fi
