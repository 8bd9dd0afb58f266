#!/usr/bin/env bash
# Follows the README's "Install" section on a clean NuGet cache: packs VtdDsl and VtdDsl.Tool
# into a local feed, installs the `vtd` tool from it, runs it, then builds a consumer project
# whose nuget.config points at the feed (as the README shows) and runs it; finally a real
# `dotnet build` of that consumer with a typo in its spec shows VTD errors and no C# ones. The tool goes to a
# --tool-path in the work folder instead of --global, so the machine's tools stay untouched.
#
#   tests/install/run.sh            run
#   KEEP=1 tests/install/run.sh     keep the work folder (printed)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
feed="$work/feed"
export NUGET_PACKAGES="$work/nuget-cache"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$feed" "$NUGET_PACKAGES"
if [[ "${KEEP:-0}" != "1" ]]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work"; fi

echo "== pack VtdDsl and VtdDsl.Tool into $feed (must not warn)"
for project in packaging/VtdDsl.Package.csproj tools/vtd/VtdDsl.Tool.csproj; do
  log="$work/pack-$(basename "$project").log"
  dotnet pack "$repo/$project" -c Release -o "$feed" -nologo -v minimal -p:TreatWarningsAsErrors=true > "$log" 2>&1 || { cat "$log"; exit 1; }
  if grep -q "warning" "$log"; then cat "$log"; echo "dotnet pack $project warned" >&2; exit 1; fi
done

echo "== dotnet tool install from the feed"
dotnet tool install --tool-path "$work/tools" --add-source "$feed" VtdDsl.Tool
vtd="$work/tools/vtd"

echo "== vtd --version"
version="$("$vtd" --version)"
echo "$version"
[[ "$version" == 0.1.0* ]] || { echo "unexpected version: $version" >&2; exit 1; }

echo "== vtd check specs/two-vm.vtd"
out="$(cd "$repo" && "$vtd" check specs/two-vm.vtd)"
echo "$out"
[[ "$out" == "1 file checked: 0 errors, 0 warnings" ]] || { echo "unexpected check output" >&2; exit 1; }

echo "== a consumer project with the README's nuget.config"
consumer="$work/consumer"
mkdir -p "$consumer"
cat > "$consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="vtddsl-local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$consumer/Consumer.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="VtdDsl" Version="0.1.0" />
  </ItemGroup>
</Project>
XML
cp "$repo/specs/two-vm.vtd" "$consumer/"
cat > "$consumer/Program.cs" <<'CS'
using Contoso.Hypervisor;
using VtdDsl;

System.Console.WriteLine(TwoVmHost.Translate(TwoVmHost.Devices.NicPf, 0x1000, DmaAccess.Write));
CS
dotnet run --project "$consumer/Consumer.csproj" -nologo -v quiet | tee "$work/consumer.out"
grep -q "^allowed 0x100001000 domain 2$" "$work/consumer.out" || { echo "the consumer did not translate as expected" >&2; exit 1; }
echo "== no C# cascade: the consumer with a typo in its spec fails with VTD errors only"
sed -i 's/^domain vm2/domian vm2/' "$consumer/two-vm.vtd"
if dotnet build "$consumer/Consumer.csproj" -nologo -v quiet -clp:NoSummary > "$work/broken.out" 2>&1; then
  cat "$work/broken.out"; echo "the build of a spec with an error succeeded" >&2; exit 1
fi
grep -q "error VTD0010: Unknown declaration \`domian\`; did you mean \`domain\`?" "$work/broken.out" || { cat "$work/broken.out"; echo "VTD0010 missing from the build output" >&2; exit 1; }
if grep -E "(error|warning) CS[0-9]+" "$work/broken.out"; then echo "C# diagnostics in the build of a spec with errors" >&2; exit 1; fi
grep -E "error VTD" "$work/broken.out" | sort -u

echo "== install test passed"
