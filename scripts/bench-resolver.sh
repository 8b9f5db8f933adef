#!/usr/bin/env bash
# Resolver performance, side by side with npm (needs the network and hyperfine).
#   cargo build --release --example resolve
#   scripts/bench-resolver.sh [path/to/resolve]
# Cold = empty ccdeps home / npm cache cleaned before every run; warm = cache fresh.
set -euo pipefail
BIN=${1:-target/release/examples/resolve}
BIN=$(readlink -f "$BIN")
WORK=$(mktemp -d)
mkdir -p "$WORK/npm"
echo '{"name":"bench","version":"1.0.0","private":true}' > "$WORK/npm/package.json"

echo "## cold: npm install express (ccdeps graph with facts vs npm --package-lock-only)"
hyperfine --runs 5 --export-markdown "$WORK/cold.md" \
  --prepare "rm -rf $WORK/home" -n "ccdeps resolve (cold)" "CCDEPS_HOME=$WORK/home $BIN npm express" \
  --prepare "rm -rf $WORK/npm/package-lock.json $WORK/npm/node_modules && npm cache clean --force 2>/dev/null" \
  -n "npm --package-lock-only (cold)" "cd $WORK/npm && npm install --package-lock-only --ignore-scripts --no-audit --no-fund express"

echo "## warm: cache fresh"
CCDEPS_HOME=$WORK/home "$BIN" npm express > /dev/null
hyperfine -N --warmup 3 --runs 30 --export-markdown "$WORK/warm.md" \
  -n "ccdeps resolve (warm)" "env CCDEPS_HOME=$WORK/home $BIN npm express"

echo "## peak memory"
for req in "@aws-sdk/client-s3" "jest" "@babel/core @babel/preset-env"; do
  rm -rf "$WORK/home"
  # shellcheck disable=SC2086
  CCDEPS_HOME=$WORK/home /usr/bin/time -v "$BIN" npm $req 2> "$WORK/time.txt" > "$WORK/out.json" || true
  n=$(python3 -c "import json,sys; print(len(json.load(open('$WORK/out.json'))['packages']))")
  rss=$(grep "Maximum resident" "$WORK/time.txt" | awk '{print $NF}')
  echo "npm $req: $n packages, peak RSS ${rss} KiB (cold, with facts)"
done
cat "$WORK/cold.md" "$WORK/warm.md"
rm -rf "$WORK"
