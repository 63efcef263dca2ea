#!/usr/bin/env bash
# Drift check for CI: compares the admin keys recorded in a stack with the live organization.
# Exits 0 (no drift), 2 (drift) or 1 (error), like `terraform plan -detailed-exitcode`, and leaves
# drift-report.md for a pull-request comment. Needs OPENAI_ADMIN_KEY and a logged-in Pulumi CLI.
#
#   ./drift-check.sh dev
set -uo pipefail
stack="${1:?usage: drift-check.sh <stack> [inventory resource name]}"
resource="${2:-admin-keys}"
workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

pulumi stack export --stack "$stack" --file "$workdir/stack.json" || exit 1
npx openai-admin-keys-drift --state "$workdir/stack.json" --resource "$resource" --out drift-report.md
status=$?
case $status in
  0) echo "No admin key drift." ;;
  2) echo "Admin key drift found: see drift-report.md" ;;
  *) echo "Drift check failed." ;;
esac
exit $status
