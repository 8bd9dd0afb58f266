#!/usr/bin/env bash
# Builds a throwaway consumer project whose only policy is a given spec (default: the Large
# preset, 100,000 windows / 65,536 devices / 4,096 domains / 10,000 interrupts), with the
# generator wired in as a consumer's ProjectReference would wire it, and reports:
#   - build time: clean build of the consumer (its project references already built),
#     a no-change rebuild, and a rebuild after an unrelated C# edit;
#   - the size of the generated C# and of the compiled consumer assembly.
# Usage: tests/VtdDsl.Benchmarks/measure-build.sh [Small|Medium|Large|path/to/spec.vtd] ...
# (default: two-vm Large). Nothing in the repository is changed; the consumer lives in a temp dir.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
specs=("$@")
[ ${#specs[@]} -eq 0 ] && specs=("$repo/specs/two-vm.vtd" Large)

work="$(mktemp -d /tmp/vtd-consumer.XXXXXX)"
trap 'rm -rf "$work"' EXIT

echo "== building the benchmarks tool (writes the scale specs)" >&2
dotnet build -c Release "$repo/tests/VtdDsl.Benchmarks" -v quiet -nologo >&2
bench="$repo/artifacts/bin/VtdDsl.Benchmarks/release/VtdDsl.Benchmarks"
nuget="${NUGET_PACKAGES:-$HOME/.nuget/packages}"

seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l | xargs printf '%.1f'; }

echo "| spec | .vtd bytes | clean build (s) | no-change rebuild (s) | rebuild after unrelated C# edit (s) | generated C# bytes | consumer assembly bytes |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for spec in "${specs[@]}"; do
  project="$work/$(basename "$spec" .vtd)"
  mkdir -p "$project"
  if [ -f "$spec" ]; then cp "$spec" "$project/policy.vtd"; else "$bench" write-spec "$spec" "$project/policy.vtd" >/dev/null; fi
  policy="$(sed -n 's/^policy \([A-Za-z0-9_.]*\);.*/\1/p' "$project/policy.vtd" | head -1)"
  cat > "$project/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <AdditionalFiles Include="policy.vtd" />
    <ProjectReference Include="$repo/runtime/VtdDsl.Runtime.csproj" />
    <ProjectReference Include="$repo/generator/VtdDsl.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <Analyzer Include="$nuget/antlr4.runtime.standard/4.13.1/lib/netstandard2.0/Antlr4.Runtime.Standard.dll" />
    <Analyzer Include="$nuget/scriban.signed/7.5.3/lib/netstandard2.0/Scriban.Signed.dll" />
  </ItemGroup>
  <!-- The compiler core sits next to the generator in the generator's output folder. -->
  <Target Name="AddVtdLanguage" AfterTargets="ResolveProjectReferences" BeforeTargets="CoreCompile">
    <ItemGroup>
      <Analyzer Include="@(Analyzer->'%(RootDir)%(Directory)VtdDsl.Compiler.dll')" Condition="'%(Filename)' == 'VtdDsl.Generator'" />
    </ItemGroup>
  </Target>
</Project>
XML
  cat > "$project/Program.cs" <<CS
var answer = global::$policy.Translate(new VtdDsl.SourceId(0, 3, 0, 0), 0x1000, VtdDsl.DmaAccess.Read);
System.Console.WriteLine(answer);
static class Unrelated { public static int Value() => 1; }
CS
  (cd "$project" && dotnet restore -v quiet -nologo >/dev/null && dotnet build -c Release --no-restore -v quiet -nologo >/dev/null) # warm: references built
  rm -rf "$project/obj/Release" "$project/bin"
  clean=$(cd "$project" && seconds dotnet build -c Release --no-restore -v quiet -nologo)
  nochange=$(cd "$project" && seconds dotnet build -c Release --no-restore -v quiet -nologo)
  sed -i 's/=> 1;/=> 2;/' "$project/Program.cs"
  edit=$(cd "$project" && seconds dotnet build -c Release --no-restore -v quiet -nologo)
  generated=$(find "$project/obj/Release" -name '*.g.cs' -path '*VtdDsl.Generator*' -exec cat {} + | wc -c)
  assembly=$(stat -c %s "$project/bin/Release/net10.0/Consumer.dll")
  (cd "$project" && dotnet bin/Release/net10.0/Consumer.dll >&2)
  echo "| $(basename "$spec") | $(stat -c %s "$project/policy.vtd") | $clean | $nochange | $edit | $generated | $assembly |"
done
