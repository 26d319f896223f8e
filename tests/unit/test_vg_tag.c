// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_tag.c: large-community codec, tagging domains, and the
 * marking of tags to strip on ingress and egress.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vg_tag.h"

/*
 * Domains used below:
 *   65000       trusted, F1=1 F2=2, members 65001 65002
 *   65100       untrusted, F1=1 F2=2, member 3356
 *   4200000100  trusted, F1=10 F2=20 (4-byte GA, custom functions)
 */
static void setup_domains(struct vg_domains *d)
{
	static const uint32_t m1[] = {65002, 65001, 65002};
	static const uint32_t m2[] = {3356};
	struct vg_error err;

	vg_domains_init(d);
	assert_int_equal(vg_domains_add(d, 65000, true, 1, 2, m1, 3, &err), 0);
	assert_int_equal(vg_domains_add(d, 65100, false, 1, 2, m2, 1, &err), 1);
	assert_int_equal(
		vg_domains_add(d, 4200000100u, true, 10, 20, NULL, 0, &err), 2);
}

static void test_wire(void **state)
{
	static const uint8_t wire[] = {
		0x00, 0x00, 0xfd, 0xe8, /* 65000 */
		0x00, 0x00, 0x00, 0x01, /* 1 */
		0x00, 0x00, 0x07, 0xdb, /* 2011 */
		0xfa, 0x56, 0xea, 0x64, /* 4200000100 */
		0x00, 0x00, 0x00, 0x14, /* 20 */
		0xff, 0xff, 0xff, 0xfe, /* 4294967294 */
	};
	uint8_t out[24];
	struct vg_lcomm c;

	(void)state;
	c = vg_lcomm_get(wire, 0);
	assert_int_equal(c.ga, 65000);
	assert_int_equal(c.l1, 1);
	assert_int_equal(c.l2, 2011);
	c = vg_lcomm_get(wire, 1);
	assert_int_equal(c.ga, 4200000100u);
	assert_int_equal(c.l1, 20);
	assert_int_equal(c.l2, 4294967294u);

	vg_lcomm_put(out, 65000, 1, 2011);
	vg_lcomm_put(out + 12, 4200000100u, 20, 4294967294u);
	assert_memory_equal(out, wire, sizeof(wire));
}

static void test_domains(void **state)
{
	struct vg_domains d;
	struct vg_error err;

	(void)state;
	setup_domains(&d);
	assert_int_equal(vg_domains_find(&d, 65000), 0);
	assert_int_equal(vg_domains_find(&d, 4200000100u), 2);
	assert_int_equal(vg_domains_find(&d, 65001), -1);

	/* GA is always a member; duplicates collapse. */
	assert_true(vg_domain_has_member(&d.dom[0], 65000));
	assert_true(vg_domain_has_member(&d.dom[0], 65001));
	assert_true(vg_domain_has_member(&d.dom[0], 65002));
	assert_false(vg_domain_has_member(&d.dom[0], 65003));
	assert_int_equal(d.dom[0].n_members, 3);
	assert_true(vg_domain_has_member(&d.dom[2], 4200000100u));
	assert_int_equal(d.dom[2].n_members, 1);

	assert_int_equal(vg_domains_peer_mask(&d, 65001), 0x1);
	assert_int_equal(vg_domains_peer_mask(&d, 3356), 0x2);
	assert_int_equal(vg_domains_peer_mask(&d, 174), 0);

	assert_int_equal(vg_domains_add(&d, 65000, true, 1, 2, NULL, 0, &err),
			 -1);
	assert_string_equal(err.msg, "domain 65000: defined twice");
	assert_int_equal(vg_domains_add(&d, 65200, true, 5, 5, NULL, 0, &err),
			 -1);
	assert_string_equal(
		err.msg,
		"domain 65200: vendor and attestation function numbers are both 5");
	vg_domains_free(&d);

	/* At most VG_MAX_DOMAINS domains. */
	vg_domains_init(&d);
	for (uint32_t i = 0; i < VG_MAX_DOMAINS; i++)
		assert_int_equal(vg_domains_add(&d, 64512 + i, i & 1, 1, 2,
						NULL, 0, &err),
				 (int)i);
	assert_int_equal(vg_domains_add(&d, 1, true, 1, 2, NULL, 0, &err), -1);
	assert_string_equal(err.msg, "domain 1: more than 64 domains");
	for (uint32_t i = 0; i < VG_MAX_DOMAINS; i++)
		assert_int_equal(vg_domains_find(&d, 64512 + i), (int)i);
	assert_int_equal(vg_domains_peer_mask(&d, 64512 + 63), UINT64_C(1)
								       << 63);
	vg_domains_free(&d);
}

struct decode_case {
	uint32_t ga, l1, l2;
	enum vg_tag_kind kind;
	int domain;
};

static void test_decode(void **state)
{
	static const struct decode_case cases[] = {
		{65000, 1, 2011, VG_TAG_VENDOR, 0},
		{65000, 2, 3356, VG_TAG_ATTEST, 0},
		{65000, 3, 3356, VG_TAG_OTHER, 0}, /* operator's own scheme */
		{65000, 0, 0, VG_TAG_OTHER, 0},
		{65100, 1, 9, VG_TAG_VENDOR, 1},
		{4200000100u, 10, 9, VG_TAG_VENDOR, 2},
		{4200000100u, 20, 65001, VG_TAG_ATTEST, 2},
		{4200000100u, 1, 9, VG_TAG_OTHER, 2},
		{65001, 1, 9, VG_TAG_FOREIGN, -1},
		{0, 0, 0, VG_TAG_FOREIGN, -1},
	};
	struct vg_domains d;
	struct vg_tag tag;

	(void)state;
	setup_domains(&d);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vg_lcomm c = {cases[i].ga, cases[i].l1, cases[i].l2};

		assert_int_equal(vg_tag_decode(&d, c, &tag), cases[i].kind);
		assert_int_equal(tag.domain, cases[i].domain);
		assert_int_equal(tag.value, cases[i].l2);
	}
	vg_domains_free(&d);

	/* No domains: everything is foreign. */
	vg_domains_init(&d);
	assert_int_equal(
		vg_tag_decode(&d, (struct vg_lcomm){65000, 1, 9}, &tag),
		VG_TAG_FOREIGN);
}

static void test_encode(void **state)
{
	struct vg_domains d;
	uint8_t w[12];
	struct vg_lcomm c;

	(void)state;
	setup_domains(&d);
	vg_tag_encode_vendor(&d.dom[2], 2636, w);
	c = vg_lcomm_get(w, 0);
	assert_true(c.ga == 4200000100u && c.l1 == 10 && c.l2 == 2636);
	vg_tag_encode_attest(&d.dom[0], 4200000001u, w);
	c = vg_lcomm_get(w, 0);
	assert_true(c.ga == 65000 && c.l1 == 2 && c.l2 == 4200000001u);
	vg_domains_free(&d);
}

/* The path's communities for the strip tests, in wire order. */
static const struct vg_lcomm strip_in[] = {
	{65000, 1, 9},		 /* 0 trusted vendor tag */
	{65000, 2, 65001},	 /* 1 trusted attestation */
	{65000, 77, 1},		 /* 2 operator community, same GA */
	{65100, 1, 2011},	 /* 3 untrusted vendor tag */
	{65100, 5, 1},		 /* 4 untrusted, other function */
	{3356, 1, 9},		 /* 5 foreign */
	{4200000100u, 10, 2636}, /* 6 trusted vendor tag (4-byte GA) */
	{4200000100u, 1, 2636},	 /* 7 other function of that domain */
};

struct strip_case {
	const char *what;
	uint32_t peer_as;
	unsigned int flags;
	uint64_t want;
};

static void test_strip(void **state)
{
	static const struct strip_case cases[] = {
		{"ingress from inside 65000: only 4200000100's tag is forged",
		 65001, VG_STRIP_FORGED, 1u << 6},
		{"ingress from a stranger: both trusted domains' tags forged",
		 174, VG_STRIP_FORGED, (1u << 0) | (1u << 1) | (1u << 6)},
		{"untrusted-domain tags stripped where configured", 174,
		 VG_STRIP_UNTRUSTED, 1u << 3},
		{"both", 174, VG_STRIP_FORGED | VG_STRIP_UNTRUSTED,
		 (1u << 0) | (1u << 1) | (1u << 3) | (1u << 6)},
		{"forged never marks untrusted tags, even from outside", 174,
		 VG_STRIP_FORGED, (1u << 0) | (1u << 1) | (1u << 6)},
		{"egress to 3356: strip every domain it is outside", 3356,
		 VG_STRIP_OUTSIDE, (1u << 0) | (1u << 1) | (1u << 6)},
		{"egress to 65002: keep 65000, strip 65100 and 4200000100",
		 65002, VG_STRIP_OUTSIDE, (1u << 3) | (1u << 6)},
		{"egress to 4200000100 itself", 4200000100u, VG_STRIP_OUTSIDE,
		 (1u << 0) | (1u << 1) | (1u << 3)},
		{"nothing asked", 174, 0, 0},
	};
	const size_t n = sizeof(strip_in) / sizeof(strip_in[0]);
	uint8_t wire[sizeof(strip_in) / sizeof(strip_in[0]) * 12];
	uint64_t bm[1];
	struct vg_domains d;

	(void)state;
	setup_domains(&d);
	for (size_t i = 0; i < n; i++)
		vg_lcomm_put(wire + 12 * i, strip_in[i].ga, strip_in[i].l1,
			     strip_in[i].l2);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("case: %s\n", cases[i].what);
		bm[0] = ~UINT64_C(0);
		assert_int_equal(vg_tag_strip_mark(&d, wire, n,
						   cases[i].peer_as,
						   cases[i].flags, bm),
				 __builtin_popcountll(cases[i].want));
		assert_int_equal(bm[0], cases[i].want);
		assert_int_equal(vg_tag_strip_mark(&d, wire, n,
						   cases[i].peer_as,
						   cases[i].flags, NULL),
				 __builtin_popcountll(cases[i].want));
	}
	vg_domains_free(&d);
}

static void test_compact(void **state)
{
	const size_t n = sizeof(strip_in) / sizeof(strip_in[0]);
	uint8_t wire[sizeof(strip_in) / sizeof(strip_in[0]) * 12];
	uint8_t out[sizeof(wire)];
	uint64_t bm[1];
	struct vg_domains d;
	size_t kept;

	(void)state;
	setup_domains(&d);
	for (size_t i = 0; i < n; i++)
		vg_lcomm_put(wire + 12 * i, strip_in[i].ga, strip_in[i].l1,
			     strip_in[i].l2);
	vg_tag_strip_mark(&d, wire, n, 174,
			  VG_STRIP_FORGED | VG_STRIP_UNTRUSTED, bm);
	kept = vg_tag_compact(wire, n, bm, out);
	assert_int_equal(kept, 4);
	assert_memory_equal(out, wire + 12 * 2, 12);
	assert_memory_equal(out + 12, wire + 12 * 4, 24);
	assert_memory_equal(out + 36, wire + 12 * 7, 12);
	/* In place gives the same result. */
	assert_int_equal(vg_tag_compact(wire, n, bm, wire), 4);
	assert_memory_equal(out, wire, 48);
	vg_domains_free(&d);
}

/* 5000 communities, every third one forged: the bitmap spans many words. */
static void test_strip_5000(void **state)
{
	const size_t n = 5000;
	uint8_t *wire = malloc(n * 12);
	uint64_t *bm = malloc(VG_BITMAP_WORDS(n) * sizeof(*bm));
	struct vg_domains d;
	size_t kept;

	(void)state;
	setup_domains(&d);
	for (size_t i = 0; i < n; i++)
		vg_lcomm_put(wire + 12 * i, i % 3 ? 3356 : 65000, 1,
			     (uint32_t)i);
	assert_int_equal(
		vg_tag_strip_mark(&d, wire, n, 174, VG_STRIP_FORGED, bm), 1667);
	for (size_t i = 0; i < n; i++)
		assert_int_equal((bm[i / 64] >> (i % 64)) & 1, i % 3 == 0);
	kept = vg_tag_compact(wire, n, bm, wire);
	assert_int_equal(kept, 3333);
	for (size_t i = 0; i < kept; i++)
		assert_int_equal(vg_lcomm_get(wire, i).ga, 3356);
	free(wire);
	free(bm);
	vg_domains_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wire),
		cmocka_unit_test(test_domains),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_strip),
		cmocka_unit_test(test_compact),
		cmocka_unit_test(test_strip_5000),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
