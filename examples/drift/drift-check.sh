#!/usr/bin/env bash
# Drift check for CI: compares the keys recorded in a stack (its AdminApiKeyInventory, its
# OrganizationApiKeyInventory, or both: each is compared) with the live organization.
# Exits 0 (no drift), 2 (drift) or 1 (error), like `terraform plan -detailed-exitcode`, and writes
# the report to $DRIFT_REPORT (default drift-report.md). Needs OPENAI_ADMIN_KEY, a logged-in
# Pulumi CLI, and pulumi-openai-admin-keys installed in this project (npm ci).
#
#   ./drift-check.sh dev                  every inventory of the stack, whatever their names
#   ./drift-check.sh dev admin-keys       only the inventory named admin-keys
set -uo pipefail
stack="${1:?usage: drift-check.sh <stack> [inventory resource name]}"
resource="${2:-}"
report="${DRIFT_REPORT:-drift-report.md}"
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

# This project's own copy of the command, found as Node finds packages (node_modules here or in a
# parent folder), never through plain npx: where the package is not installed, npx fetches and runs
# whatever package of that name the registry has, with OPENAI_ADMIN_KEY in its environment.
drift="$(node -p 'const p = require.resolve("pulumi-openai-admin-keys/package.json"); require("path").join(require("path").dirname(p), require(p).bin["openai-admin-keys-drift"])' 2>/dev/null)"
if [ -z "$drift" ] || [ ! -f "$drift" ]; then
  echo "openai-admin-keys-drift is not installed in $(pwd): run npm ci (pulumi-openai-admin-keys must be a dependency)." >&2
  exit 1
fi

pulumi stack export --stack "$stack" --file "$workdir/stack.json" || exit 1
args=(--state "$workdir/stack.json" --out "$report")
[ -n "$resource" ] && args+=(--resource "$resource")
node "$drift" "${args[@]}" >/dev/null
status=$?
case $status in
  0) echo "No key drift." ;;
  2) echo "Key drift found: see $report" ;;
  *) echo "Drift check failed." ;;
esac
exit $status
