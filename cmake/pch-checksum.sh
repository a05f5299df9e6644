#!/bin/sh
# The launcher of a precompiled header's compile (cmake/OidcplayPch.cmake):
#   pch-checksum.sh <source dir> <build dir> <compiler> <arguments…>
# compiles, then writes <header>.pch.sum beside a header it made: a digest of the command (the two
# directories as names) and of the content of every file the header read (from its depfile). ccache
# hashes that file in place of the header (pch_external_checksum), whose own bytes name this build
# directory: users of the same header compiled in another clone are then cache hits.
set -eu
source_dir="$1"
build_dir="$2"
shift 2
"$@"
out=""
depfile=""
pch=0
previous=""
for arg in "$@"; do
  case "$previous" in
    -o) out="$arg" ;;
    -MF) depfile="$arg" ;;
  esac
  [ "$arg" = "-emit-pch" ] && pch=1
  previous="$arg"
done
if [ "$pch" = 0 ] || [ -z "$out" ] || [ -z "$depfile" ]; then
  exit 0
fi
{
  printf '%s\n' "$@" | sed -e "s|$build_dir|<build>|g" -e "s|$source_dir|<source>|g"
  sed -e '1s/^[^:]*: *//' -e 's/\\$//' "$depfile" | tr ' ' '\n' | sed '/^$/d' | xargs -r sha256sum | cut -d' ' -f1
} | sha256sum | cut -d' ' -f1 >"$out.sum.tmp"
mv "$out.sum.tmp" "$out.sum"
