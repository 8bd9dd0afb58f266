#!/usr/bin/env bash
# Packs VtdDsl into a temporary folder, then builds and runs samples/TwoVmHost against that
# package from an empty NuGet cache, as a user would get it. The package folder is added to
# the machine's own NuGet sources (RestoreAdditionalProjectSources), so no feed is named here.
#
#   samples/run-sample.sh            pack, build, run
#   KEEP=1 samples/run-sample.sh     keep the temporary folders (printed) for inspection
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
packages="$work/packages"
export NUGET_PACKAGES="$work/nuget-cache"
mkdir -p "$packages" "$NUGET_PACKAGES"
if [[ "${KEEP:-0}" != "1" ]]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work"; fi

echo "== pack VtdDsl -> $packages"
dotnet pack "$repo/packaging/VtdDsl.Package.csproj" -c Release -o "$packages" -nologo -v quiet

echo "== build samples/TwoVmHost against it (NUGET_PACKAGES=$NUGET_PACKAGES)"
# The sample's own bin/obj live in the work folder, so a stale restore never leaks in.
sample_args=(
  -c Release -nologo -v quiet
  -p:RestoreAdditionalProjectSources="$packages"
  -p:BaseIntermediateOutputPath="$work/obj/" -p:BaseOutputPath="$work/bin/"
)
dotnet build "$repo/samples/TwoVmHost/TwoVmHost.csproj" "${sample_args[@]}"

echo "== run"
dotnet run --project "$repo/samples/TwoVmHost/TwoVmHost.csproj" --no-build "${sample_args[@]}"
