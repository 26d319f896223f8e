// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_registry.c: vendor names, PENs, ids and lookups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "vg_registry.h"

/* The PENs of spec §1. */
static const struct {
	const char *name;
	uint32_t pen;
	bool flagged;
} vendors[] = {
	{"cisco", 9, false}, {"juniper", 2636, false}, {"huawei", 2011, true},
	{"zte", 3902, true}, {"nokia", 6527, false},   {"arista", 30065, false},
};

static void add_all(struct vg_registry *reg)
{
	struct vg_error err;

	vg_registry_init(reg);
	for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++)
		assert_int_equal(vg_registry_add(reg, vendors[i].name,
						 vendors[i].pen,
						 vendors[i].flagged, -1, &err),
				 (int)i);
}

static void test_lookup(void **state)
{
	struct vg_registry reg;

	(void)state;
	add_all(&reg);
	assert_int_equal(reg.count, 6);
	for (size_t i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++) {
		assert_int_equal(vg_registry_by_name(&reg, vendors[i].name),
				 (int)i);
		assert_int_equal(vg_registry_by_pen(&reg, vendors[i].pen),
				 (int)i);
		assert_string_equal(vg_registry_get(&reg, (unsigned)i)->name,
				    vendors[i].name);
		assert_int_equal(vg_vset_has(&reg.flagged, (unsigned)i),
				 vendors[i].flagged);
	}
	assert_int_equal(vg_registry_by_name(&reg, "hauwei"), -1);
	/* Names are case-sensitive. */
	assert_int_equal(vg_registry_by_name(&reg, "Cisco"), -1);
	assert_int_equal(vg_registry_by_pen(&reg, 0), -1);
	assert_int_equal(vg_registry_by_pen(&reg, 99999), -1);
	assert_int_equal(vg_registry_by_pen(&reg, UINT32_MAX), -1);
	assert_null(vg_registry_get(&reg, 6));
	assert_null(vg_registry_get(&reg, 100000));
	assert_int_equal(vg_vset_count(&reg.flagged), 2);
}

struct bad_case {
	const char *what;
	const char *name;
	uint32_t pen;
	const char *msg;
};

static void test_rules(void **state)
{
	static const struct bad_case cases[] = {
		{"PEN 0 is IANA-reserved", "acme", 0,
		 "vendor 'acme': PEN 0 out of range (1-4294967294)"},
		{"PEN 2^32-1 is our no-PEN value", "acme", 4294967295u,
		 "vendor 'acme': PEN 4294967295 out of range (1-4294967294)"},
		{"empty name", "", 1,
		 "vendor '': invalid name (1-63 characters of A-Z a-z 0-9 _ . -)"},
		{"space in name", "ac me", 1,
		 "vendor 'ac me': invalid name (1-63 characters of A-Z a-z 0-9 _ . -)"},
		{"quote in name", "ac'me", 1, NULL},
		{"64 characters",
		 "a123456789012345678901234567890123456789012345678901234567890123",
		 1, NULL},
		{"same name", "cisco", 10, "vendor 'cisco': defined twice"},
		{"same PEN", "cisco-systems", 9,
		 "vendor 'cisco' and vendor 'cisco-systems': same PEN 9"},
	};
	struct vg_registry reg;
	struct vg_error err;

	(void)state;
	add_all(&reg);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err.msg[0] = 0;
		print_message("case: %s\n", cases[i].what);
		assert_int_equal(vg_registry_add(&reg, cases[i].name,
						 cases[i].pen, false, -1, &err),
				 -1);
		assert_true(err.msg[0] != 0);
		if (cases[i].msg)
			assert_string_equal(err.msg, cases[i].msg);
	}
	assert_int_equal(reg.count, 6);

	/* The edges of the valid ranges. */
	assert_int_equal(vg_registry_add(&reg, "a", 1, false, -1, &err), 6);
	assert_int_equal(
		vg_registry_add(&reg, "max-pen", 4294967294u, false, -1, &err),
		7);
	assert_int_equal(
		vg_registry_add(
			&reg,
			"a12345678901234567890123456789012345678901234567890123456789012",
			3, false, -1, &err),
		8);
	assert_int_equal(vg_registry_add(&reg, "A.b_c-9", 4, false, -1, &err),
			 9);
	assert_int_equal(vg_registry_by_pen(&reg, 4294967294u), 7);
}

static void test_ids(void **state)
{
	struct vg_registry reg;
	struct vg_error err;
	char name[16];

	(void)state;
	vg_registry_init(&reg);
	assert_int_equal(vg_registry_add(&reg, "b", 2, false, 200, &err), 200);
	assert_int_equal(vg_registry_add(&reg, "a", 1, false, -1, &err), 0);
	assert_int_equal(vg_registry_add(&reg, "c", 3, false, 200, &err), -1);
	assert_string_equal(err.msg, "vendor 'c': vendor id 200 not free");
	assert_int_equal(vg_registry_add(&reg, "c", 3, false, 256, &err), -1);

	/* Fill up to 256 vendors; the 257th is refused. */
	for (uint32_t i = 2; i < VG_MAX_VENDORS; i++) {
		snprintf(name, sizeof(name), "v%u", i);
		assert_true(vg_registry_add(&reg, name, 1000 + i, i % 2, -1,
					    &err) >= 0);
	}
	assert_int_equal(reg.count, 256);
	assert_int_equal(vg_registry_add(&reg, "full", 77, false, -1, &err),
			 -1);
	assert_string_equal(err.msg, "vendor 'full': more than 256 vendors");
	for (uint32_t i = 2; i < VG_MAX_VENDORS; i++) {
		int id = vg_registry_by_pen(&reg, 1000 + i);

		snprintf(name, sizeof(name), "v%u", i);
		assert_int_equal(id, vg_registry_by_name(&reg, name));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
