#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Build and run the core unit tests with plain gcc, without autotools:
#   tests/unit/run.sh            # all tests, ASan + UBSan
#   CC=clang tests/unit/run.sh   # another compiler
#   VALGRIND=1 tests/unit/run.sh # no sanitizers, run under valgrind
# Each test links only the core files it tests (keep in sync with subdir.am).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-${TMPDIR:-/tmp}/vg-unit-tests}
cc=${CC:-gcc}
mkdir -p "$out"

cflags="-std=gnu11 -g -O1 -Wall -Wextra -Werror -I$top/plugin/core"
if [ "${VALGRIND:-0}" = 1 ]; then
	run="valgrind -q --error-exitcode=1 --leak-check=full"
else
	cflags="$cflags -fsanitize=address,undefined -fno-sanitize-recover=all"
	run=""
fi

core=$top/plugin/core
tests="
test_vg_vset:
test_vg_registry:vg_registry.c
test_vg_inventory:vg_inventory.c vg_alloc.c
test_vg_tag:vg_tag.c vg_alloc.c
test_vg_config:vg_config.c vg_registry.c vg_inventory.c vg_tag.c vg_alloc.c
test_vg_classify:vg_classify.c vg_config.c vg_registry.c vg_inventory.c vg_tag.c vg_alloc.c
test_vg_pfxset:vg_pfxset.c vg_alloc.c
test_vg_policy:vg_policy.c vg_pfxset.c vg_alloc.c
"

fail=0
list=$(echo "$tests" | grep .)
while IFS=: read -r name files; do
	[ -f "$top/tests/unit/$name.c" ] || continue
	srcs=""
	for s in $files; do
		srcs="$srcs $core/$s"
	done
	# shellcheck disable=SC2086
	$cc $cflags -o "$out/$name" "$top/tests/unit/$name.c" $srcs -lcmocka
	echo "== $name"
	# shellcheck disable=SC2086
	if ! $run "$out/$name"; then
		fail=1
	fi
done <<LIST
$list
LIST
[ $fail = 0 ] && echo "all unit tests passed"
exit $fail
