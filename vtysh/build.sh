#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build a vtysh that knows vendorguard's commands.
#
# vtysh learns commands only at build time: FRR's vtysh/extract.pl reads the
# DEFUN/DEFPY definitions of every file in FRR's vtysh_scan list and infers
# the daemon from the directory name (bgpd/x.c -> bgpd). We run it over the
# stock list plus our command files, then compile vtysh's five objects from
# the same FRR tree and link them against the installed libfrr.so.0, exactly
# as Debian's vtysh is linked. Everything else about vtysh is unchanged.
#
# usage: build.sh FRR_SRC OUTDIR CLI_FILE...
set -eu

frr=$1
out=$2
shift 2
mkdir -p "$out"
out=$(cd "$out" && pwd)

cli=""
for f in "$@"; do
	abs=$(cd "$(dirname "$f")" && pwd)/$(basename "$f")
	case "$abs" in
	*/bgpd/*.c | */ospfd/*.c | */zebra/*.c) ;;
	*) echo "vtysh/build.sh: $f must sit in a directory named after its daemon" >&2
	   exit 1 ;;
	esac
	cli="$cli $abs"
done

printvar() {
	printf 'print-%%:\n\t@echo '"'"'$($*)'"'"'\n' >"$out/print.mk"
	make -s --no-print-directory -C "$frr" -f Makefile -f "$out/print.mk" "print-$1"
}

scan=$(printvar vtysh_scan)
extra="$(printvar HAVE_ISISD) $(printvar HAVE_FABRICD)"
cflags="$(printvar CFLAGS) $(printvar AM_CFLAGS)"
# DEFS carries make-escaped quotes (-DSYSCONFDIR=\"/etc/frr/\"); unescape.
cppflags="$(printvar DEFS | sed 's/\\"/"/g') $(printvar CPPFLAGS) -I$frr/lib/assert -I$frr -I$frr/include -I$frr/lib"
libs="$(printvar LIBCAP) $(printvar LIBREADLINE) $(printvar LIBPAM) $(printvar LIBS)"

# extract.pl preprocesses relative to the FRR tree; our files by absolute path.
(cd "$frr" && perl vtysh/extract.pl $scan $cli $extra) >"$out/vtysh_cmd.c.tmp"
mv "$out/vtysh_cmd.c.tmp" "$out/vtysh_cmd.c"

for f in vtysh_main vtysh vtysh_user vtysh_config; do
	gcc $cppflags $cflags -I"$frr/vtysh" -c -o "$out/$f.o" "$frr/vtysh/$f.c"
done
gcc $cppflags $cflags -I"$frr/vtysh" -c -o "$out/vtysh_cmd.o" "$out/vtysh_cmd.c"

libdir=$(dirname "$(sed -n 's/^#define MODULE_PATH "\(.*\)"/\1/p' "$frr/config.h")")
gcc -o "$out/vtysh" "$out"/vtysh_main.o "$out"/vtysh.o "$out"/vtysh_user.o \
	"$out"/vtysh_config.o "$out"/vtysh_cmd.o "$libdir/libfrr.so.0" \
	-Wl,-rpath,"$libdir" -lyang -lcrypt $libs
echo "vtysh/build.sh: built $out/vtysh with$(echo "$cli" | wc -w) extra command file(s)" >&2
