#!/usr/bin/env bash
# CI, after the tests: packs prodstat both ways and runs each as an operator would.
#  1. `dotnet pack` → a .NET tool package, installed into a temporary --tool-path from that folder only;
#  2. `dotnet publish` → a self-contained single file, run with no dotnet on PATH and DOTNET_ROOT unset.
# Each runs `prodstat --version` and `prodstat demo --out DIR` (PNG rendering needs fonts-dejavu-core and
# SkiaSharp's natives, the store needs SQLite's), and fails CI when either does.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d "${TMPDIR:-/tmp}/prodstat-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

check_demo() { # DIR LABEL: the demo wrote its PNG tables (fonts and SkiaSharp natives work)
  test -s "$1/outputs/pandaStat-PREOPS-905.png" && test -s "$1/outputs/butlerStat-PREOPS-905.png" \
    || { echo "ci-package: $2: demo outputs missing in $1" >&2; exit 1; }
}

echo "== dotnet tool"
dotnet pack src/ProdStatus.Cli -c Release -o "$work/nupkg" -nologo -v quiet
# Only the folder as a source: a package of the same id elsewhere must never be picked up.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="$work/nupkg" /></packageSources></configuration>
XML
dotnet tool install --tool-path "$work/tool" --configfile "$work/nuget.config" ProdStatus.Cli
"$work/tool/prodstat" --version
"$work/tool/prodstat" demo --out "$work/demo-tool" > "$work/demo-tool.log" 2>&1 || { cat "$work/demo-tool.log"; exit 1; }
tail -n 1 "$work/demo-tool.log"
check_demo "$work/demo-tool" "dotnet tool"

echo "== single file (linux-x64, self-contained)"
dotnet publish src/ProdStatus.Cli -c Release -r linux-x64 -p:PublishSingleFile=true --self-contained -o "$work/single" -nologo -v quiet
ls -l "$work/single"
mkdir -p "$work/home" "$work/empty-path"
# A machine without the SDK: nothing on PATH (so no dotnet), no DOTNET_ROOT, a fresh HOME for extracted natives.
no_sdk=(env -i "HOME=$work/home" "PATH=$work/empty-path")
"${no_sdk[@]}" "$work/single/prodstat" --version
"${no_sdk[@]}" "$work/single/prodstat" demo --out "$work/demo-single" > "$work/demo-single.log" 2>&1 || { cat "$work/demo-single.log"; exit 1; }
tail -n 1 "$work/demo-single.log"
check_demo "$work/demo-single" "single file"
echo "ci-package: dotnet tool and single file both ran --version and demo"
