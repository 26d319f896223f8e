// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_inventory.c: equipment keys, their indexes and the AS
 * attributions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "vg_inventory.h"
#include "vg_test.h"

struct dev {
	const char *name;
	uint16_t vendor;
	const char *nbr[3];
	const char *bgp_rid, *ospf_rid;
};

/* A small lab: PE routers with IPv4 and IPv6 sessions. */
static const struct dev lab[] = {
	{"pe1.fra", 1, {"10.0.0.1", "2001:db8::1"}, "192.0.2.1", "192.0.2.1"},
	{"pe2.fra", 2, {"10.0.0.2"}, "192.0.2.2", NULL},
	{"p1.ams", 0, {"2001:db8:ffff::1"}, NULL, "198.51.100.1"},
	{"rr1", 3, {NULL}, "192.0.2.9", NULL},
	{"ce-0", 4, {"0.0.0.0"}, NULL, NULL},
};

static int add_dev(struct vg_inventory *inv, const struct dev *d,
		   struct vg_error *err)
{
	struct vg_addr a[3];
	size_t n = 0;

	while (n < 3 && d->nbr[n]) {
		a[n] = vg_test_addr(d->nbr[n]);
		n++;
	}
	return vg_inventory_add_equipment(inv, d->name, d->vendor, a, n,
					  vg_test_rid(d->bgp_rid),
					  vg_test_rid(d->ospf_rid), err);
}

static void build_lab(struct vg_inventory *inv, size_t extra)
{
	struct vg_error err;

	vg_inventory_init(inv);
	assert_int_equal(vg_inventory_reserve(inv, 5 + extra, 6 + extra,
					      64 * (5 + extra), 8, &err),
			 0);
	for (size_t i = 0; i < sizeof(lab) / sizeof(lab[0]); i++)
		assert_int_equal(add_dev(inv, &lab[i], &err), (int)i);
}

static void test_lookups(void **state)
{
	struct vg_inventory inv;
	struct vg_addr a;

	(void)state;
	build_lab(&inv, 0);
	for (size_t i = 0; i < sizeof(lab) / sizeof(lab[0]); i++) {
		const struct vg_equipment *e = vg_inventory_get(&inv, i);

		assert_string_equal(vg_inventory_name(&inv, i), lab[i].name);
		assert_int_equal(e->vendor, lab[i].vendor);
		assert_int_equal(vg_inventory_by_name(&inv, lab[i].name), i);
		for (int j = 0; j < 3 && lab[i].nbr[j]; j++) {
			a = vg_test_addr(lab[i].nbr[j]);
			assert_int_equal(vg_inventory_by_addr(&inv, &a), i);
		}
		if (lab[i].bgp_rid)
			assert_int_equal(
				vg_inventory_by_bgp_rid(
					&inv, vg_test_rid(lab[i].bgp_rid)),
				i);
		if (lab[i].ospf_rid)
			assert_int_equal(
				vg_inventory_by_ospf_rid(
					&inv, vg_test_rid(lab[i].ospf_rid)),
				i);
	}
	/* Misses. */
	a = vg_test_addr("10.0.0.3");
	assert_int_equal(vg_inventory_by_addr(&inv, &a), VG_NONE);
	a = vg_test_addr("2001:db8::2");
	assert_int_equal(vg_inventory_by_addr(&inv, &a), VG_NONE);
	/* An IPv4 address does not match an IPv6 one with the same bytes. */
	a = vg_test_addr("a00:1::");
	assert_int_equal(vg_inventory_by_addr(&inv, &a), VG_NONE);
	a = vg_test_addr(NULL);
	assert_int_equal(vg_inventory_by_addr(&inv, &a), VG_NONE);
	assert_int_equal(vg_inventory_by_bgp_rid(&inv, 0), VG_NONE);
	assert_int_equal(
		vg_inventory_by_bgp_rid(&inv, vg_test_rid("198.51.100.1")),
		VG_NONE);
	assert_int_equal(
		vg_inventory_by_ospf_rid(&inv, vg_test_rid("192.0.2.2")),
		VG_NONE);
	assert_int_equal(vg_inventory_by_name(&inv, "pe3.fra"), VG_NONE);
	assert_null(vg_inventory_get(&inv, 5));
	vg_inventory_free(&inv);
	/* After free the inventory is empty and still answers lookups. */
	assert_int_equal(vg_inventory_by_name(&inv, "pe1.fra"), VG_NONE);
}

static void test_empty(void **state)
{
	struct vg_inventory inv;
	struct vg_addr a = vg_test_addr("10.0.0.1");

	(void)state;
	vg_inventory_init(&inv);
	assert_int_equal(vg_inventory_by_addr(&inv, &a), VG_NONE);
	assert_int_equal(vg_inventory_by_bgp_rid(&inv, 1), VG_NONE);
	assert_int_equal(vg_inventory_by_ospf_rid(&inv, 1), VG_NONE);
	assert_null(vg_inventory_as_vendors(&inv, 3356));
	vg_inventory_free(&inv);
}

struct conflict {
	const char *what;
	struct dev dev;
	const char *msg;
};

static void test_conflicts(void **state)
{
	static const struct conflict cases[] = {
		{"duplicate IPv4 neighbor across two devices",
		 {"pe3.fra", 1, {"10.0.0.9", "10.0.0.2"}, NULL, NULL},
		 "equipment 'pe2.fra' and equipment 'pe3.fra': both claim neighbor address 10.0.0.2"},
		{"duplicate IPv6 neighbor across two devices",
		 {"pe3.fra", 1, {"2001:db8:ffff::1"}, NULL, NULL},
		 "equipment 'p1.ams' and equipment 'pe3.fra': both claim neighbor address 2001:db8:ffff::1"},
		{"duplicate BGP router-id",
		 {"pe3.fra", 1, {NULL}, "192.0.2.9", NULL},
		 "equipment 'rr1' and equipment 'pe3.fra': both claim BGP router-id 192.0.2.9"},
		{"duplicate OSPF router-id",
		 {"pe3.fra", 1, {NULL}, NULL, "198.51.100.1"},
		 "equipment 'p1.ams' and equipment 'pe3.fra': both claim OSPF router-id 198.51.100.1"},
		{"duplicate name",
		 {"rr1", 1, {NULL}, NULL, NULL},
		 "equipment 'rr1': defined twice"},
		{"invalid name",
		 {"pe 3", 1, {NULL}, NULL, NULL},
		 "equipment 'pe 3': invalid name (1-63 characters of A-Z a-z 0-9 _ . -)"},
	};
	struct vg_inventory inv;
	struct vg_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("case: %s\n", cases[i].what);
		build_lab(&inv, 1);
		assert_int_equal(add_dev(&inv, &cases[i].dev, &err), -1);
		assert_string_equal(err.msg, cases[i].msg);
		vg_inventory_free(&inv);
	}
}

static void test_same_device_twice(void **state)
{
	static const struct dev d = {
		"pe3.fra", 1, {"10.0.0.7", "10.0.0.7"}, NULL, NULL};
	struct vg_inventory inv;
	struct vg_error err;
	struct vg_addr a = vg_test_addr("10.0.0.7");

	(void)state;
	build_lab(&inv, 2);
	assert_int_equal(add_dev(&inv, &d, &err), 5);
	assert_int_equal(vg_inventory_by_addr(&inv, &a), 5);
	vg_inventory_free(&inv);
}

static void test_capacity(void **state)
{
	static const struct dev d = {"x", 1, {"10.9.9.9"}, NULL, NULL};
	struct vg_inventory inv;
	struct vg_error err;
	struct vg_vset vs;

	(void)state;
	build_lab(&inv, 0);
	assert_int_equal(add_dev(&inv, &d, &err), -1);
	assert_string_equal(err.msg,
			    "equipment 'x': inventory capacity exceeded");
	vg_vset_clear(&vs);
	for (uint32_t asn = 1; asn <= 8; asn++)
		assert_int_equal(vg_inventory_add_as(&inv, asn, &vs, &err), 0);
	assert_int_equal(vg_inventory_add_as(&inv, 9, &vs, &err), -1);
	/* Merging into an existing ASN needs no room. */
	assert_int_equal(vg_inventory_add_as(&inv, 8, &vs, &err), 0);
	vg_inventory_free(&inv);
}

static void test_as_attributions(void **state)
{
	struct vg_inventory inv;
	struct vg_error err;
	struct vg_vset a, b;
	const struct vg_vset *got;

	(void)state;
	build_lab(&inv, 0);
	vg_vset_clear(&a);
	vg_vset_clear(&b);
	vg_vset_add(&a, 1);
	vg_vset_add(&b, 2);
	/* 2-byte, 4-byte, private and AS 0: an ASN is just a key. */
	assert_int_equal(vg_inventory_add_as(&inv, 3356, &a, &err), 0);
	assert_int_equal(vg_inventory_add_as(&inv, 4200000000u, &b, &err), 0);
	assert_int_equal(vg_inventory_add_as(&inv, 4294967295u, &b, &err), 0);
	assert_int_equal(vg_inventory_add_as(&inv, 0, &a, &err), 0);
	assert_int_equal(vg_inventory_add_as(&inv, 3356, &b, &err), 0);

	got = vg_inventory_as_vendors(&inv, 3356);
	assert_non_null(got);
	assert_true(vg_vset_has(got, 1) && vg_vset_has(got, 2));
	assert_int_equal(vg_vset_count(got), 2);
	got = vg_inventory_as_vendors(&inv, 4200000000u);
	assert_non_null(got);
	assert_true(vg_vset_equal(got, &b));
	assert_non_null(vg_inventory_as_vendors(&inv, 0));
	assert_non_null(vg_inventory_as_vendors(&inv, 4294967295u));
	assert_null(vg_inventory_as_vendors(&inv, 174));
	assert_null(vg_inventory_as_vendors(&inv, 4200000001u));
	assert_int_equal(inv.n_as, 4);
	vg_inventory_free(&inv);
}

/* Many devices: the tables stay consistent at load 1/2. */
static void test_many(void **state)
{
	const uint32_t n = 20000;
	struct vg_inventory inv;
	struct vg_error err;
	char name[32];

	(void)state;
	vg_inventory_init(&inv);
	assert_int_equal(vg_inventory_reserve(&inv, n, 2 * n, 16 * n, n, &err),
			 0);
	for (uint32_t i = 0; i < n; i++) {
		struct vg_addr a[2];

		a[0] = (struct vg_addr){.family = AF_INET};
		a[0].addr[0] = 10;
		a[0].addr[1] = (uint8_t)(i >> 16);
		a[0].addr[2] = (uint8_t)(i >> 8);
		a[0].addr[3] = (uint8_t)i;
		a[1] = (struct vg_addr){.family = AF_INET6};
		a[1].addr[0] = 0x20;
		a[1].addr[1] = 0x01;
		a[1].addr[14] = (uint8_t)(i >> 8);
		a[1].addr[15] = (uint8_t)i;
		a[1].addr[13] = (uint8_t)(i >> 16);
		snprintf(name, sizeof(name), "dev%u", i);
		assert_int_equal(vg_inventory_add_equipment(&inv, name, 0, a, 2,
							    i + 1, 0, &err),
				 (int)i);
	}
	for (uint32_t i = 0; i < n; i += 7) {
		struct vg_addr a = {.family = AF_INET};

		a.addr[0] = 10;
		a.addr[1] = (uint8_t)(i >> 16);
		a.addr[2] = (uint8_t)(i >> 8);
		a.addr[3] = (uint8_t)i;
		assert_int_equal(vg_inventory_by_addr(&inv, &a), i);
		assert_int_equal(vg_inventory_by_bgp_rid(&inv, i + 1), i);
	}
	vg_inventory_free(&inv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_same_device_twice),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_as_attributions),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
