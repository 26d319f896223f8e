// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_classify.c: the verdict of spec §2 on paths a network
 * engineer would recognise, the handling of tags of spec §3 on ingress, and
 * the egress tags.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vg_classify.h"
#include "vg_test.h"

/* The case tables below leave unused fields out on purpose. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/*
 * The lab.  We are AS 65001 (a Juniper box) in tagging domain 65000.
 *
 *   vendors:  cisco 9, juniper 2636, huawei 2011 (flagged), zte 3902
 *             (flagged), nokia 6527, arista 30065
 *   devices:  r1 juniper  10.0.0.1 2001:db8::1   BGP rid 192.0.2.1
 *             r2 huawei   10.0.0.2
 *             r3 cisco    10.0.0.3               BGP rid 192.0.2.3
 *             r4 nokia    2001:db8::4
 *             r5 arista   (no address)           BGP rid 192.0.2.5
 *   AS attributions: 3356 cisco+juniper, 174 cisco, 4134 huawei,
 *             64512 nokia (private 2-byte), 4200000001 arista (private
 *             4-byte), 196608 juniper (public 4-byte)
 *   domains:  65000 trusted, F1=1 F2=2, members 65002 (and 65000)
 *             65100 untrusted, members 3356
 *             4200000100 trusted, F1=10 F2=20, members 65002
 */
static const char *const lab_vendors[] = {"cisco", "juniper", "huawei",
					  "zte",   "nokia",   "arista"};
static const uint32_t lab_pens[] = {9, 2636, 2011, 3902, 6527, 30065};

struct lab_opts {
	bool juniper_flagged;
	bool without_r2;
	bool without_attr_174;
};

static struct vg_config *build_lab(const struct lab_opts *o)
{
	static const struct {
		const char *name, *vendor, *a1, *a2, *rid;
	} devs[] = {
		{"r1", "juniper", "10.0.0.1", "2001:db8::1", "192.0.2.1"},
		{"r2", "huawei", "10.0.0.2", NULL, NULL},
		{"r3", "cisco", "10.0.0.3", NULL, "192.0.2.3"},
		{"r4", "nokia", "2001:db8::4", NULL, NULL},
		{"r5", "arista", NULL, NULL, "192.0.2.5"},
	};
	static const struct {
		uint32_t asn;
		const char *vendor;
	} attrs[] = {
		{3356, "cisco"},     {3356, "juniper"}, {174, "cisco"},
		{4134, "huawei"},    {64512, "nokia"},	{4200000001u, "arista"},
		{196608, "juniper"},
	};
	static const struct lab_opts none;
	struct vg_config_builder *b = vg_config_builder_new();
	struct vg_config *cfg;
	struct vg_error err;

	if (o == NULL)
		o = &none;
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(
			vg_config_builder_add_vendor(
				b, lab_vendors[i], lab_pens[i],
				i == 2 || i == 3 ||
					(i == 1 && o->juniper_flagged)),
			0);
	for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++) {
		struct vg_addr a[2] = {vg_test_addr(devs[i].a1),
				       vg_test_addr(devs[i].a2)};
		struct vg_equipment_spec spec = {
			.name = devs[i].name,
			.vendor = devs[i].vendor,
			.nbrs = a,
			.n_nbrs = devs[i].a2   ? 2
				  : devs[i].a1 ? 1
					       : 0,
			.bgp_rid = vg_test_rid(devs[i].rid),
		};

		if (o->without_r2 && i == 1)
			continue;
		assert_int_equal(vg_config_builder_add_equipment(b, &spec), 0);
	}
	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
		if (o->without_attr_174 && attrs[i].asn == 174)
			continue;
		assert_int_equal(vg_config_builder_add_as_attribution(
					 b, attrs[i].asn, &attrs[i].vendor, 1),
				 0);
	}
	assert_int_equal(vg_config_builder_add_domain(b, 65000, true, 1, 2,
						      (const uint32_t[]){65002},
						      1),
			 0);
	assert_int_equal(vg_config_builder_add_domain(b, 65100, false, 1, 2,
						      (const uint32_t[]){3356},
						      1),
			 0);
	assert_int_equal(
		vg_config_builder_add_domain(b, 4200000100u, true, 10, 20,
					     (const uint32_t[]){65002}, 1),
		0);
	assert_int_equal(vg_config_builder_set_local(b, 65001, 0, "juniper"),
			 0);
	cfg = vg_config_build(b, &err);
	if (cfg == NULL)
		fail_msg("build: %s", err.msg);
	vg_config_builder_free(b);
	return cfg;
}

static int lab_setup(void **state)
{
	*state = build_lab(NULL);
	return 0;
}

static int lab_teardown(void **state)
{
	vg_config_free(*state);
	return 0;
}

#define MAX_SEGS 4
#define MAX_ASNS 8
#define MAX_LC 6

struct seg_def {
	uint8_t type;
	uint16_t n;
	uint32_t asn[MAX_ASNS];
};

struct case_def {
	const char *what;
	const char *nbr; /* NULL: locally originated */
	uint32_t peer_as;
	const char *rid;
	struct seg_def seg[MAX_SEGS];
	struct vg_lcomm lc[MAX_LC];
	uint8_t verdict;
	uint16_t reasons;    /* compared exactly */
	const char *vendors; /* exact set, comma-separated, "" = empty */
	uint32_t uncovered;  /* first_uncovered_as when VG_R_AS_UNCOVERED */
	uint16_t forged;
	uint32_t unknown_pen; /* first_unknown_pen when VG_R_UNKNOWN_VENDOR */
};

#define SEQ(n, ...)                                                            \
	{                                                                      \
		VG_AS_SEQUENCE, n,                                             \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}
#define SET(n, ...)                                                            \
	{                                                                      \
		VG_AS_SET, n,                                                  \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}
#define CSEQ(n, ...)                                                           \
	{                                                                      \
		VG_AS_CONFED_SEQUENCE, n,                                      \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}
#define CSET(n, ...)                                                           \
	{                                                                      \
		VG_AS_CONFED_SET, n,                                           \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}

#define R_ADDR VG_R_BY_NBR_ADDR
#define R_RID VG_R_BY_ROUTER_ID
#define R_TAG VG_R_TRUSTED_TAG
#define R_ATT VG_R_ATTESTED
#define R_ATTR VG_R_AS_ATTRIB
#define R_LOCAL VG_R_LOCAL
#define R_NBRU VG_R_NBR_UNKNOWN
#define R_UNCOV VG_R_AS_UNCOVERED
#define R_SET VG_R_ASSET_UNKNOWN
#define R_UPEN VG_R_UNKNOWN_VENDOR
#define R_FORGED VG_R_FORGED

static const struct case_def cases[] = {
	/* --- the neighbor --- */
	{"transit via a known Juniper PE, path fully attributed",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 174)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper"},
	{"neighbor is a flagged Huawei box",
	 "10.0.0.2",
	 3356,
	 NULL,
	 {SEQ(1, 3356)},
	 {},
	 VG_TAINTED,
	 R_ADDR | R_ATTR,
	 "cisco,juniper,huawei"},
	{"peer not in the inventory",
	 "192.0.2.99",
	 3356,
	 NULL,
	 {SEQ(1, 3356)},
	 {},
	 VG_UNKNOWN,
	 R_NBRU | R_ATTR,
	 "cisco,juniper"},
	{"peer not in the inventory, flagged AS in path: tainted wins",
	 "192.0.2.99",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 4134)},
	 {},
	 VG_TAINTED,
	 R_NBRU | R_ATTR,
	 "cisco,juniper,huawei"},
	{"IPv6 session to a known device",
	 "2001:db8::1",
	 3356,
	 NULL,
	 {SEQ(1, 3356)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper"},
	{"IPv6 session to a Nokia in private AS 64512",
	 "2001:db8::4",
	 64512,
	 NULL,
	 {SEQ(1, 64512)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "nokia"},
	{"IPv6 peer not in the inventory",
	 "2001:db8::99",
	 3356,
	 NULL,
	 {SEQ(1, 3356)},
	 {},
	 VG_UNKNOWN,
	 R_NBRU | R_ATTR,
	 "cisco,juniper"},
	{"unknown address, known BGP router-id",
	 "192.0.2.55",
	 174,
	 "192.0.2.5",
	 {SEQ(1, 174)},
	 {},
	 VG_CLEAN,
	 R_RID | R_ATTR,
	 "cisco,arista"},
	{"address wins over router-id",
	 "10.0.0.3",
	 174,
	 "192.0.2.5",
	 {SEQ(1, 174)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco"},
	{"iBGP from a known RR, empty AS path",
	 "10.0.0.3",
	 65001,
	 NULL,
	 {},
	 {},
	 VG_CLEAN,
	 R_ADDR,
	 "cisco"},
	{"locally originated", NULL, 0, NULL, {}, {}, VG_CLEAN, R_LOCAL, ""},

	/* --- the AS path --- */
	{"AS not covered",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(3, 3356, 13335, 15169)},
	 {},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 13335},
	{"flagged AS deep in the path",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(3, 3356, 174, 4134)},
	 {},
	 VG_TAINTED,
	 R_ADDR | R_ATTR,
	 "cisco,juniper,huawei"},
	{"prepending",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(5, 3356, 3356, 3356, 174, 174)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper"},
	{"our own AS in the path needs no coverage",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 65001)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper"},
	{"AS_SET with known members",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(1, 3356), SET(2, 174, 64512)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper,nokia"},
	{"AS_SET hides an unknown AS",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(1, 3356), SET(2, 174, 13335)},
	 {},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV | R_SET,
	 "cisco,juniper",
	 13335},
	{"AS_SET with a flagged member and an unknown one",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(1, 3356), SET(2, 13335, 4134)},
	 {},
	 VG_TAINTED,
	 R_ADDR | R_ATTR | R_UNCOV | R_SET,
	 "cisco,juniper,huawei",
	 13335},
	{"private 2-byte ASN with an attribution",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 64512)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper,nokia"},
	{"private 2-byte ASN 65534 without one",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 65534)},
	 {},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 65534},
	{"private 4-byte ASN with an attribution",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 4200000001u)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper,arista"},
	{"private 4-byte ASN 4294967294 without one",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 4294967294u)},
	 {},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 4294967294u},
	{"public 4-byte ASN",
	 "10.0.0.1",
	 196608,
	 NULL,
	 {SEQ(1, 196608)},
	 {},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "juniper"},
	{"AS_TRANS 23456 is just an uncovered ASN",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 23456)},
	 {},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 23456},
	{"confederation sub-AS needs coverage",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {CSEQ(1, 65002), SEQ(1, 3356)},
	 {},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 65002},
	{"confederation sub-AS attested by its router",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {CSEQ(1, 65002), SEQ(1, 3356)},
	 {{65000, 2, 65002}},
	 VG_CLEAN,
	 R_ADDR | R_ATTR | R_ATT,
	 "cisco,juniper"},
	{"confed set hiding an unknown sub-AS",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {CSET(2, 65002, 65003), SEQ(1, 3356)},
	 {{65000, 2, 65002}},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_ATT | R_UNCOV | R_SET,
	 "cisco,juniper",
	 65003},
	{"segment of unknown type 9 is read as a sequence",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {{9, 2, {3356, 13335}}},
	 {},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 13335},

	/* --- tags --- */
	{"trusted tags from inside the domain",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {SEQ(2, 65002, 13335)},
	 {{65000, 1, 6527}, {65000, 2, 65002}, {65000, 2, 13335}},
	 VG_CLEAN,
	 R_ADDR | R_TAG | R_ATT,
	 "juniper,nokia"},
	{"trusted tag names a flagged vendor",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {SEQ(1, 65002)},
	 {{65000, 2, 65002}, {65000, 1, 3902}},
	 VG_TAINTED,
	 R_ADDR | R_TAG | R_ATT,
	 "juniper,zte"},
	{"forged tags from a neighbor outside the domain",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 13335)},
	 {{65000, 2, 13335}, {65000, 1, 6527}, {4200000100u, 20, 13335}},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV | R_FORGED,
	 "cisco,juniper",
	 13335,
	 3},
	{"forged 'tainted' claim is ignored too",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(1, 3356)},
	 {{65000, 1, 2011}},
	 VG_CLEAN,
	 R_ADDR | R_ATTR | R_FORGED,
	 "cisco,juniper",
	 0,
	 1},
	{"tags of an untrusted domain are ignored, even from a member",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 13335)},
	 {{65100, 2, 13335}, {65100, 1, 2011}},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 13335},
	{"unknown function number is neither used nor forged",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(2, 3356, 13335)},
	 {{65000, 7, 13335}},
	 VG_UNKNOWN,
	 R_ADDR | R_ATTR | R_UNCOV,
	 "cisco,juniper",
	 13335},
	{"unknown function number from inside",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {SEQ(1, 65002)},
	 {{65000, 3, 65002}},
	 VG_UNKNOWN,
	 R_ADDR | R_UNCOV,
	 "juniper",
	 65002},
	{"vendor tag with an unregistered PEN is never clean",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {SEQ(1, 65002)},
	 {{65000, 2, 65002}, {65000, 1, 99999}},
	 VG_UNKNOWN,
	 R_ADDR | R_ATT | R_UPEN,
	 "juniper",
	 0,
	 0,
	 99999},
	{"unregistered PEN plus a flagged vendor is tainted",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {SEQ(1, 65002)},
	 {{65000, 1, 99999}, {65000, 1, 2011}, {65000, 2, 65002}},
	 VG_TAINTED,
	 R_ADDR | R_TAG | R_ATT | R_UPEN,
	 "juniper,huawei",
	 0,
	 0,
	 99999},
	{"4-byte GA with custom function numbers 10/20",
	 "10.0.0.1",
	 65002,
	 NULL,
	 {SEQ(1, 65002)},
	 {{4200000100u, 20, 65002},
	  {4200000100u, 10, 30065},
	  {4200000100u, 1, 2011}},
	 VG_CLEAN,
	 R_ADDR | R_TAG | R_ATT,
	 "juniper,arista"},
	{"large communities of foreign ASNs are not tags",
	 "10.0.0.1",
	 3356,
	 NULL,
	 {SEQ(1, 3356)},
	 {{3356, 1, 2011}, {3356, 2, 13335}},
	 VG_CLEAN,
	 R_ADDR | R_ATTR,
	 "cisco,juniper"},
	{"attestation does not help a path from unknown equipment",
	 "192.0.2.99",
	 65002,
	 NULL,
	 {SEQ(1, 65002)},
	 {{65000, 2, 65002}},
	 VG_UNKNOWN,
	 R_NBRU | R_ATT,
	 ""},
};

static void run_case(const struct vg_config *cfg, const struct case_def *c)
{
	struct vg_aspath_seg segs[MAX_SEGS];
	uint8_t wire[MAX_LC * VG_LCOMM_SIZE];
	struct vg_path p = {
		.nbr_addr = vg_test_addr(c->nbr),
		.nbr_peer_as = c->peer_as,
		.nbr_router_id = vg_test_rid(c->rid),
		.segs = segs,
		.lcomm = wire,
	};
	struct vg_verdict v;
	struct vg_vset want;
	char names[128];

	while (p.n_segs < MAX_SEGS && c->seg[p.n_segs].n) {
		segs[p.n_segs].type = c->seg[p.n_segs].type;
		segs[p.n_segs].count = c->seg[p.n_segs].n;
		segs[p.n_segs].asns = c->seg[p.n_segs].asn;
		p.n_segs++;
	}
	while (p.n_lcomm < MAX_LC && c->lc[p.n_lcomm].ga) {
		vg_lcomm_put(wire + VG_LCOMM_SIZE * p.n_lcomm,
			     c->lc[p.n_lcomm].ga, c->lc[p.n_lcomm].l1,
			     c->lc[p.n_lcomm].l2);
		p.n_lcomm++;
	}

	vg_classify(cfg, &p, &v);

	vg_vset_clear(&want);
	snprintf(names, sizeof(names), "%s", c->vendors ? c->vendors : "");
	for (char *tok = strtok(names, ","); tok; tok = strtok(NULL, ",")) {
		int id = vg_registry_by_name(&cfg->reg, tok);

		assert_true(id >= 0);
		vg_vset_add(&want, (unsigned int)id);
	}
	if (!vg_vset_equal(&v.vendors, &want)) {
		int id;

		vg_vset_foreach(&v.vendors, id) print_message(
			"  got vendor %s\n", vg_config_vendor_name(cfg, id));
		fail_msg("vendor set differs from '%s'", c->vendors);
	}
	assert_string_equal(vg_verdict_str(v.verdict),
			    vg_verdict_str(c->verdict));
	assert_int_equal(v.reasons, c->reasons);
	if (v.reasons & VG_R_AS_UNCOVERED)
		assert_int_equal(v.first_uncovered_as, c->uncovered);
	if (v.reasons & VG_R_UNKNOWN_VENDOR)
		assert_int_equal(v.first_unknown_pen, c->unknown_pen);
	assert_int_equal(v.forged, c->forged);
	/* The glue's strip pass finds exactly the forged tags. */
	assert_int_equal(vg_tag_strip_mark(&cfg->dom, wire, p.n_lcomm,
					   c->peer_as, VG_STRIP_FORGED, NULL),
			 c->forged);
}

static void test_cases(void **state)
{
	const struct vg_config *cfg = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("case: %s\n", cases[i].what);
		run_case(cfg, &cases[i]);
	}
}

/* A 255-hop path (the most an AS_SEQUENCE segment holds). */
static void test_255_hops(void **state)
{
	const struct vg_config *cfg = *state;
	uint32_t asns[255];
	struct vg_aspath_seg seg = {VG_AS_SEQUENCE, 255, asns};
	struct vg_path p = {.nbr_addr = vg_test_addr("10.0.0.1"),
			    .nbr_peer_as = 3356,
			    .segs = &seg,
			    .n_segs = 1};
	struct vg_verdict v;

	for (int i = 0; i < 255; i++)
		asns[i] = i % 3 == 0 ? 3356 : i % 3 == 1 ? 174 : 64512;
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.verdict, VG_CLEAN);
	assert_int_equal(vg_vset_count(&v.vendors), 3);

	asns[200] = 13335;
	asns[254] = 4134;
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.verdict, VG_TAINTED);
	assert_int_equal(v.first_uncovered_as, 13335);

	/* Ten segments of 255: a very long path is no problem either. */
	{
		struct vg_aspath_seg many[10];

		asns[254] = 174;
		asns[200] = 3356;
		for (int i = 0; i < 10; i++)
			many[i] = seg;
		p.segs = many;
		p.n_segs = 10;
		vg_classify(cfg, &p, &v);
		assert_int_equal(v.verdict, VG_CLEAN);
	}
}

/*
 * 5000 large communities: foreign ones, forged ones, and more attestations
 * than the classifier keeps on its stack (the attested ASN comes last).
 */
static void test_5000_communities(void **state)
{
	const struct vg_config *cfg = *state;
	const size_t n = 5000;
	uint8_t *wire = malloc(n * VG_LCOMM_SIZE);
	uint32_t asns[] = {65002, 13335};
	struct vg_aspath_seg seg = {VG_AS_SEQUENCE, 2, asns};
	struct vg_path p = {.nbr_addr = vg_test_addr("10.0.0.1"),
			    .nbr_peer_as = 65002,
			    .segs = &seg,
			    .n_segs = 1,
			    .lcomm = wire,
			    .n_lcomm = n};
	struct vg_verdict v;

	/* 4998 foreign + attestations of 65002 and 13335 at the very end. */
	for (size_t i = 0; i < n; i++)
		vg_lcomm_put(wire + 12 * i, 3356, 1, (uint32_t)i);
	vg_lcomm_put(wire + 12 * (n - 2), 65000, 2, 65002);
	vg_lcomm_put(wire + 12 * (n - 1), 65000, 2, 13335);
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.verdict, VG_CLEAN);

	/* 5000 distinct attestations: overflow of the stack set. */
	for (size_t i = 0; i < n; i++)
		vg_lcomm_put(wire + 12 * i, 65000, 2, 100000 + (uint32_t)i);
	vg_lcomm_put(wire + 12 * (n - 2), 65000, 2, 65002);
	vg_lcomm_put(wire + 12 * (n - 1), 65000, 2, 13335);
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.verdict, VG_CLEAN);
	assert_int_equal(v.reasons, R_ADDR | R_ATT);
	/* ... and without the one for 13335. */
	vg_lcomm_put(wire + 12 * (n - 1), 65000, 2, 13336);
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.verdict, VG_UNKNOWN);
	assert_int_equal(v.first_uncovered_as, 13335);

	/* 100 attestations: sorted, binary search. */
	p.n_lcomm = 100;
	vg_lcomm_put(wire + 12 * 50, 65000, 2, 13335);
	vg_lcomm_put(wire + 12 * 99, 65000, 2, 65002);
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.verdict, VG_CLEAN);
	p.n_lcomm = n;

	/* The same 5000 from a neighbor outside the domain: all forged. */
	p.nbr_peer_as = 3356;
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.forged, 5000);
	assert_int_equal(v.verdict, VG_UNKNOWN);
	free(wire);
}

/* A saturated forged counter does not wrap. */
static void test_forged_saturates(void **state)
{
	const struct vg_config *cfg = *state;
	const size_t n = 70000;
	uint8_t *wire = malloc(n * VG_LCOMM_SIZE);
	struct vg_path p = {.nbr_addr = vg_test_addr("10.0.0.1"),
			    .nbr_peer_as = 3356,
			    .lcomm = wire,
			    .n_lcomm = n};
	struct vg_verdict v;

	for (size_t i = 0; i < n; i++)
		vg_lcomm_put(wire + 12 * i, 65000, 1, 9);
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.forged, UINT16_MAX);
	free(wire);
}

/*
 * A change of configuration changes the verdict after rebuild: flagging
 * Juniper taints paths through r1, removing r2 makes its paths unknown,
 * removing an attribution uncovers the AS.
 */
static void test_rebuild(void **state)
{
	const struct vg_config *cfg = *state;
	uint32_t asns[] = {3356, 174};
	struct vg_aspath_seg seg = {VG_AS_SEQUENCE, 2, asns};
	struct vg_path p1 = {.nbr_addr = vg_test_addr("10.0.0.3"),
			     .nbr_peer_as = 3356,
			     .segs = &seg,
			     .n_segs = 1};
	struct vg_path p2 = p1;
	struct vg_config *c2;
	struct vg_verdict v;
	struct vg_vset changed;

	p2.nbr_addr = vg_test_addr("10.0.0.2");
	vg_classify(cfg, &p1, &v);
	assert_int_equal(v.verdict, VG_CLEAN);
	vg_classify(cfg, &p2, &v);
	assert_int_equal(v.verdict, VG_TAINTED);

	c2 = build_lab(&(struct lab_opts){.juniper_flagged = true});
	vg_classify(c2, &p1, &v);
	assert_int_equal(v.verdict, VG_TAINTED); /* 3356 carries Juniper */
	vg_config_vendor_changes(cfg, c2, &changed);
	assert_true(vg_vset_has(&changed, 1));
	assert_int_equal(vg_vset_count(&changed), 1);
	vg_config_free(c2);

	c2 = build_lab(&(struct lab_opts){.without_r2 = true});
	vg_classify(c2, &p2, &v);
	assert_int_equal(v.verdict, VG_UNKNOWN);
	assert_int_equal(v.reasons, R_NBRU | R_ATTR);
	vg_config_free(c2);

	c2 = build_lab(&(struct lab_opts){.without_attr_174 = true});
	vg_classify(c2, &p1, &v);
	assert_int_equal(v.verdict, VG_UNKNOWN);
	assert_int_equal(v.first_uncovered_as, 174);
	vg_config_free(c2);
}

/* An empty configuration: everything is unknown, nothing crashes. */
static void test_empty_config(void **state)
{
	struct vg_config_builder *b = vg_config_builder_new();
	struct vg_error err;
	struct vg_config *cfg = vg_config_build(b, &err);
	uint32_t asns[] = {3356};
	struct vg_aspath_seg seg = {VG_AS_SEQUENCE, 1, asns};
	uint8_t wire[12];
	struct vg_path p = {.nbr_addr = vg_test_addr("10.0.0.1"),
			    .segs = &seg,
			    .n_segs = 1,
			    .lcomm = wire,
			    .n_lcomm = 1};
	struct vg_verdict v;

	(void)state;
	vg_lcomm_put(wire, 65000, 1, 9);
	vg_classify(cfg, &p, &v);
	assert_int_equal(v.verdict, VG_UNKNOWN);
	assert_int_equal(v.reasons, R_NBRU | R_UNCOV);
	assert_int_equal(v.entry_vendor, VG_VENDOR_NONE);
	vg_config_free(cfg);
	vg_config_builder_free(b);
}

static void expect_tags(const uint8_t *wire, int n, const struct vg_lcomm *want,
			int n_want)
{
	assert_int_equal(n, n_want);
	for (int i = 0; i < n; i++) {
		struct vg_lcomm c = vg_lcomm_get(wire, (size_t)i);

		assert_int_equal(c.ga, want[i].ga);
		assert_int_equal(c.l1, want[i].l1);
		assert_int_equal(c.l2, want[i].l2);
	}
}

static void test_egress(void **state)
{
	const struct vg_config *cfg = *state;
	uint8_t wire[VG_EGRESS_MAX_TAGS * VG_LCOMM_SIZE];
	struct vg_path p = {.nbr_addr = vg_test_addr("10.0.0.3"),
			    .nbr_peer_as = 65001};
	struct vg_verdict v;

	/* Entered through Cisco r3: Cisco, our Juniper, attest AS 65001. */
	vg_classify(cfg, &p, &v);
	expect_tags(wire, vg_egress_tags(cfg, 0, &v, wire),
		    (const struct vg_lcomm[]){
			    {65000, 1, 9}, {65000, 1, 2636}, {65000, 2, 65001}},
		    3);
	/* Same in the domain with function numbers 10/20. */
	expect_tags(wire, vg_egress_tags(cfg, 2, &v, wire),
		    (const struct vg_lcomm[]){{4200000100u, 10, 9},
					      {4200000100u, 10, 2636},
					      {4200000100u, 20, 65001}},
		    3);
	/* Entered through Juniper r1: one vendor tag is enough. */
	p.nbr_addr = vg_test_addr("10.0.0.1");
	vg_classify(cfg, &p, &v);
	expect_tags(
		wire, vg_egress_tags(cfg, 0, &v, wire),
		(const struct vg_lcomm[]){{65000, 1, 2636}, {65000, 2, 65001}},
		2);
	/* From unknown equipment: no entry tag and no attestation. */
	p.nbr_addr = vg_test_addr("192.0.2.99");
	vg_classify(cfg, &p, &v);
	expect_tags(wire, vg_egress_tags(cfg, 0, &v, wire),
		    (const struct vg_lcomm[]){{65000, 1, 2636}}, 1);
	/* Locally originated. */
	expect_tags(
		wire, vg_egress_tags(cfg, 0, NULL, wire),
		(const struct vg_lcomm[]){{65000, 1, 2636}, {65000, 2, 65001}},
		2);
	assert_int_equal(vg_egress_tags(cfg, 3, &v, wire), -1);
	assert_int_equal(vg_egress_tags(cfg, -1, &v, wire), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_255_hops),
		cmocka_unit_test(test_5000_communities),
		cmocka_unit_test(test_forged_saturates),
		cmocka_unit_test(test_rebuild),
		cmocka_unit_test(test_empty_config),
		cmocka_unit_test(test_egress),
	};

	return cmocka_run_group_tests(tests, lab_setup, lab_teardown);
}
