// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_pfxset.c: prefix-list semantics and longest-prefix match
 * across overlapping sensitive sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vg_pfxset.h"
#include "vg_test.h"

static struct vg_prefix pfx(const char *s)
{
	struct vg_prefix p = vg_test_prefix(s);

	assert_true(p.family != 0);
	return p;
}

/*
 * Sets: 1 = "payments" (IPv4 and IPv6), 2 = "dns", 3 = "customers",
 * 7 and 5 = two sets holding the same entry.
 */
static const struct {
	const char *p;
	uint8_t ge, le;
	uint32_t set;
} entries[] = {
	{"192.0.2.0/24", 0, 0, 1},     /* exactly /24 */
	{"198.51.100.0/22", 24, 0, 1}, /* /24../32 inside the /22 */
	{"10.0.0.0/8", 0, 16, 3},      /* /8../16 */
	{"10.1.0.0/16", 0, 24, 2},     /* /16../24, more specific */
	{"203.0.113.0/24", 26, 28, 3}, /* /26../28 */
	{"0.0.0.0/0", 0, 0, 9},	       /* the default route only */
	{"2001:db8::/32", 48, 64, 1},  {"2001:db8:53::/48", 0, 0, 2},
	{"172.16.0.0/12", 0, 0, 7},    {"172.16.0.0/12", 0, 0, 5},
	{"100.64.1.77/16", 0, 0, 4}, /* host bits ignored */
};

static struct vg_pfxset *build(void)
{
	struct vg_pfxset *ps = vg_pfxset_new();
	struct vg_error err;

	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		struct vg_prefix p = pfx(entries[i].p);

		if (vg_pfxset_add(ps, &p, entries[i].ge, entries[i].le,
				  entries[i].set, &err) != 0)
			fail_msg("%s: %s", entries[i].p, err.msg);
	}
	return ps;
}

static void test_lookup(void **state)
{
	static const struct {
		const char *p;
		uint32_t set;
	} cases[] = {
		{"192.0.2.0/24", 1},
		{"192.0.2.0/25", VG_PFXSET_NONE}, /* no le: exact length */
		{"192.0.0.0/16", VG_PFXSET_NONE},
		{"198.51.100.0/22", VG_PFXSET_NONE}, /* ge 24: not the /22 */
		{"198.51.101.0/24", 1},
		{"198.51.103.128/25", 1},
		{"198.51.103.7/32", 1},
		{"198.51.104.0/24", VG_PFXSET_NONE},
		{"10.0.0.0/8", 3},
		{"10.200.0.0/16", 3},
		{"10.200.1.0/24", VG_PFXSET_NONE}, /* le 16 */
		{"10.1.0.0/16", 2}, /* both match: the /16 entry is longer */
		{"10.1.7.0/24", 2},
		{"10.1.7.0/25", VG_PFXSET_NONE},
		{"10.2.0.0/16", 3},
		{"203.0.113.0/24", VG_PFXSET_NONE},
		{"203.0.113.64/26", 3},
		{"203.0.113.16/28", 3},
		{"203.0.113.16/29", VG_PFXSET_NONE},
		{"0.0.0.0/0", 9},
		{"0.0.0.0/1", VG_PFXSET_NONE},
		{"172.16.0.0/12", 5}, /* same entry in two sets: lowest id */
		{"100.64.0.0/16", 4},
		{"2001:db8::/32", VG_PFXSET_NONE},
		{"2001:db8:1::/48", 1},
		{"2001:db8:1:2::/64", 1},
		{"2001:db8:1:2::/65", VG_PFXSET_NONE},
		{"2001:db8:53::/48", 2}, /* most specific beats the /32 ge 48 */
		{"2001:db8:53::/56", 1}, /* the /48 is exact: the /32 decides */
		{"2001:db9::/48", VG_PFXSET_NONE},
		{"::/0", VG_PFXSET_NONE}, /* the IPv4 default is not IPv6's */
	};
	struct vg_pfxset *ps = build();

	(void)state;
	assert_int_equal(vg_pfxset_count(ps),
			 sizeof(entries) / sizeof(entries[0]));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vg_prefix p = pfx(cases[i].p);
		uint32_t got = vg_pfxset_lookup(ps, &p);

		if (got != cases[i].set)
			fail_msg("%s: got %u, want %u", cases[i].p, got,
				 cases[i].set);
	}
	vg_pfxset_free(ps);
}

static void test_invalid(void **state)
{
	static const struct {
		const char *p;
		uint8_t ge, le;
		const char *msg;
	} cases[] = {
		{"10.0.0.0/8", 8, 0,
		 "prefix 10.0.0.0/8 ge 8 le 0: invalid range, make sure len < ge <= le <= 32"},
		{"10.0.0.0/8", 0, 8, NULL},
		{"10.0.0.0/8", 24, 16, NULL},
		{"10.0.0.0/8", 33, 0, NULL},
		{"2001:db8::/32", 0, 129,
		 "prefix 2001:db8::/32 ge 0 le 129: invalid range, make sure len < ge <= le <= 128"},
		{"10.0.0.0/33", 0, 0, "prefix 10.0.0.0/33: invalid prefix"},
	};
	struct vg_pfxset *ps = vg_pfxset_new();
	struct vg_prefix p = pfx("10.0.0.0/8");
	struct vg_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = pfx(cases[i].p);
		assert_int_equal(vg_pfxset_add(ps, &p, cases[i].ge, cases[i].le,
					       1, &err),
				 -1);
		if (cases[i].msg)
			assert_string_equal(err.msg, cases[i].msg);
	}
	p = pfx("10.0.0.0/8");
	assert_int_equal(vg_pfxset_add(ps, &p, 0, 0, VG_PFXSET_NONE, &err), -1);
	p.family = 0;
	assert_int_equal(vg_pfxset_add(ps, &p, 0, 0, 1, &err), -1);
	assert_int_equal(vg_pfxset_lookup(ps, &p), VG_PFXSET_NONE);
	/* Edges that are valid: /32 host routes, ge 32, le 128. */
	p = pfx("192.0.2.1/32");
	assert_int_equal(vg_pfxset_add(ps, &p, 0, 0, 1, &err), 0);
	p = pfx("192.0.2.0/24");
	assert_int_equal(vg_pfxset_add(ps, &p, 32, 32, 2, &err), 0);
	p = pfx("2001:db8::/32");
	assert_int_equal(vg_pfxset_add(ps, &p, 0, 128, 3, &err), 0);
	p = pfx("192.0.2.1/32");
	assert_int_equal(vg_pfxset_lookup(ps, &p), 1);
	p = pfx("192.0.2.2/32");
	assert_int_equal(vg_pfxset_lookup(ps, &p), 2);
	p = pfx("2001:db8::1/128");
	assert_int_equal(vg_pfxset_lookup(ps, &p), 3);
	assert_int_equal(vg_pfxset_count(ps), 3);
	vg_pfxset_free(ps);
	vg_pfxset_free(NULL);
}

/* Many /24s in one set and /28s of another inside them. */
static void test_many(void **state)
{
	struct vg_pfxset *ps = vg_pfxset_new();
	struct vg_error err;
	struct vg_prefix p = {.family = AF_INET, .len = 24};

	(void)state;
	for (uint32_t i = 0; i < 4096; i++) {
		p.addr[0] = 100;
		p.addr[1] = (uint8_t)(i >> 8);
		p.addr[2] = (uint8_t)i;
		p.len = 24;
		assert_int_equal(vg_pfxset_add(ps, &p, 0, 32, 1, &err), 0);
		if (i % 2 == 0) {
			p.addr[3] = 32;
			p.len = 28;
			assert_int_equal(vg_pfxset_add(ps, &p, 0, 32, 2, &err),
					 0);
			p.addr[3] = 0;
		}
	}
	for (uint32_t i = 0; i < 4096; i++) {
		p.addr[0] = 100;
		p.addr[1] = (uint8_t)(i >> 8);
		p.addr[2] = (uint8_t)i;
		p.addr[3] = 40;
		p.len = 32;
		assert_int_equal(vg_pfxset_lookup(ps, &p), i % 2 ? 1 : 2);
		p.addr[3] = 0;
		p.len = 24;
		assert_int_equal(vg_pfxset_lookup(ps, &p), 1);
	}
	vg_pfxset_free(ps);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
