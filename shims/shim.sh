#!/bin/sh
# ccdeps-shim: @TOOL@ (written by `ccdeps shims install`; rewritten on every install)
# Runs @TOOL@ through ccdeps, which checks installs before anything is fetched.
# If ccdeps is missing or not executable this shim refuses to run: it never
# runs @TOOL@ unchecked.
ccdeps=@CCDEPS@
if [ ! -f "$ccdeps" ] || [ ! -x "$ccdeps" ]; then
  echo "ccdeps: refusing to run @TOOL@ unchecked: $ccdeps is missing or not executable. Reinstall ccdeps and run \`ccdeps shims install\` again, or take @SHIM_DIR_TEXT@ off PATH." >&2
  exit 75
fi
exec "$ccdeps" run --shim-dir @SHIM_DIR@ @TOOL@ "$@"
