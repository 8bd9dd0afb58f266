#!/usr/bin/env bash
# Browser tests of what vtd draws: installs Debian's chromium if it is missing, installs the
# pinned playwright-core and pngjs (npm ci), writes an HTML review and an SVG map of every
# bundled spec (and an HTML diff) with the built vtd, then runs the tests with node's runner.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

dotnet build "$root/tools/vtd/VtdDsl.Tool.csproj" -v q --nologo >/dev/null
vtd() { dotnet "$root/artifacts/bin/VtdDsl.Tool/debug/VtdDsl.Tool.dll" "$@"; }

pages="$(mktemp -d)"
trap 'rm -rf "$pages"' EXIT
for spec in "$root"/specs/*.vtd; do
  name="$(basename "$spec" .vtd)"
  vtd review "$spec" --format html -o "$pages/$name.html"
  vtd map "$spec" -o "$pages/$name.svg"
done
# A diff page: the two-vm spec with its doorbell page made writable and vm2's shared buffer grown.
sed -e 's/-> 0xE000_0000 read;/-> 0xE000_0000 read write;/' \
    -e 's/map 0x8000_0000 size 16MiB/map 0x8000_0000 size 32MiB/' "$root/specs/two-vm.vtd" > "$pages/two-vm-changed.vtd"
status=0
vtd diff "$root/specs/two-vm.vtd" "$pages/two-vm-changed.vtd" --format html -o "$pages/two-vm.diff.html" || status=$?
[ "$status" -eq 1 ] || { echo "vtd diff exited $status, expected 1 (the meaning changed)" >&2; exit 1; }
rm "$pages/two-vm-changed.vtd"

cd "$here"
VTD_BROWSER_PAGES="$pages" node --test --test-concurrency=1
