// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_config.c: the builder, the checks of vg_config_build()
 * and their messages, stable vendor ids across rebuilds, and failure of
 * every allocation (through the vg_alloc hook).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vg_alloc.h"
#include "vg_config.h"
#include "vg_test.h"

/* The case tables below leave unused fields out on purpose. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* Extra steps a case applies to the base builder. */
enum step_kind {
	S_END = 0,
	S_VENDOR,
	S_EQUIP,
	S_ATTR,
	S_DOMAIN,
	S_LOCAL,
};

struct step {
	enum step_kind kind;
	const char *name;    /* vendor / equipment name, own vendor */
	const char *vendor;  /* vendor of equipment / attribution */
	uint32_t num;	     /* PEN, ASN, GA or local AS */
	const char *addr[2]; /* equipment addresses */
	uint32_t f1, f2;
	const char *rid;
};

/* The base: the vendors of spec §1 and two routers. */
static const struct step base[] = {
	{S_VENDOR, "cisco", NULL, 9},
	{S_VENDOR, "juniper", NULL, 2636},
	{S_VENDOR, "huawei", NULL, 2011},
	{S_VENDOR, "zte", NULL, 3902},
	{S_VENDOR, "nokia", NULL, 6527},
	{S_VENDOR, "arista", NULL, 30065},
	{S_EQUIP,
	 "r1",
	 "juniper",
	 0,
	 {"10.0.0.1", "2001:db8::1"},
	 0,
	 0,
	 "192.0.2.1"},
	{S_EQUIP, "r2", "huawei", 0, {"10.0.0.2"}},
	{S_ATTR, NULL, "cisco", 3356},
	{S_ATTR, NULL, "juniper", 3356},
	{S_DOMAIN, NULL, NULL, 65000, {NULL}, 1, 2},
	{S_LOCAL, "juniper", NULL, 65001},
	{S_END},
};

static void apply(struct vg_config_builder *b, const struct step *s)
{
	for (; s->kind != S_END; s++) {
		switch (s->kind) {
		case S_VENDOR:
			assert_int_equal(
				vg_config_builder_add_vendor(
					b, s->name, s->num,
					strcmp(s->name, "huawei") == 0),
				0);
			break;
		case S_EQUIP: {
			struct vg_addr a[2];
			size_t n = 0;
			struct vg_equipment_spec spec = {
				.name = s->name,
				.vendor = s->vendor,
				.nbrs = a,
				.bgp_rid = vg_test_rid(s->rid),
			};

			while (n < 2 && s->addr[n]) {
				a[n] = vg_test_addr(s->addr[n]);
				n++;
			}
			spec.n_nbrs = n;
			assert_int_equal(
				vg_config_builder_add_equipment(b, &spec), 0);
			break;
		}
		case S_ATTR:
			assert_int_equal(vg_config_builder_add_as_attribution(
						 b, s->num, &s->vendor, 1),
					 0);
			break;
		case S_DOMAIN:
			assert_int_equal(
				vg_config_builder_add_domain(
					b, s->num, true, s->f1, s->f2, NULL, 0),
				0);
			break;
		case S_LOCAL:
			assert_int_equal(vg_config_builder_set_local(
						 b, s->num, 0, s->name),
					 0);
			break;
		case S_END:
			break;
		}
	}
}

static void test_build_ok(void **state)
{
	struct vg_config_builder *b = vg_config_builder_new();
	struct vg_config *cfg;
	struct vg_error err;
	struct vg_addr a = vg_test_addr("2001:db8::1");
	const struct vg_vset *vs;

	(void)state;
	apply(b, base);
	cfg = vg_config_build(b, &err);
	assert_non_null(cfg);
	assert_int_equal(cfg->reg.count, 6);
	assert_string_equal(vg_config_vendor_name(cfg, 1), "juniper");
	assert_null(vg_config_vendor_name(cfg, 6));
	assert_int_equal(cfg->own_vendor, 1);
	assert_int_equal(cfg->local_as, 65001);
	assert_int_equal(cfg->inv.n_equip, 2);
	assert_int_equal(vg_inventory_by_addr(&cfg->inv, &a), 0);
	assert_int_equal(cfg->inv.equip[1].vendor, 2);
	assert_true(vg_vset_has(&cfg->reg.flagged, 2));
	vs = vg_inventory_as_vendors(&cfg->inv, 3356);
	assert_non_null(vs);
	assert_int_equal(vg_vset_count(vs), 2);
	assert_int_equal(cfg->dom.count, 1);

	/* The builder is not consumed: extend it and build again. */
	apply(b, (const struct step[]){
			 {S_EQUIP, "r3", "nokia", 0, {"10.0.0.3"}}, {S_END}});
	{
		struct vg_config *cfg2 = vg_config_build(b, &err);

		assert_non_null(cfg2);
		assert_int_equal(cfg2->inv.n_equip, 3);
		assert_int_equal(cfg->inv.n_equip, 2);
		vg_config_free(cfg2);
	}
	vg_config_builder_free(b);
	/* The configuration is self-contained: it outlives the builder. */
	assert_string_equal(vg_inventory_name(&cfg->inv, 1), "r2");
	vg_config_free(cfg);
}

static void test_empty(void **state)
{
	struct vg_config_builder *b = vg_config_builder_new();
	struct vg_config *cfg;
	struct vg_error err;
	struct vg_addr a = vg_test_addr("10.0.0.1");

	(void)state;
	cfg = vg_config_build(b, &err);
	assert_non_null(cfg);
	assert_int_equal(vg_inventory_by_addr(&cfg->inv, &a), VG_NONE);
	assert_int_equal(cfg->own_vendor, VG_VENDOR_NONE);
	vg_config_free(cfg);
	vg_config_builder_free(b);
	vg_config_free(NULL);
	vg_config_builder_free(NULL);
}

struct bad_case {
	const char *what;
	struct step steps[3];
	const char *msg;
};

static void test_errors(void **state)
{
	static const struct bad_case cases[] = {
		{"equipment with a misspelt vendor",
		 {{S_EQUIP, "r9", "hauwei", 0, {"10.0.0.9"}}},
		 "equipment 'r9': unknown vendor 'hauwei'"},
		{"duplicate neighbor address on two devices",
		 {{S_EQUIP, "r9", "cisco", 0, {"10.0.0.8", "10.0.0.2"}}},
		 "equipment 'r2' and equipment 'r9': both claim neighbor address 10.0.0.2"},
		{"duplicate IPv6 neighbor address on two devices",
		 {{S_EQUIP, "r9", "cisco", 0, {"2001:db8::1"}}},
		 "equipment 'r1' and equipment 'r9': both claim neighbor address 2001:db8::1"},
		{"duplicate BGP router-id",
		 {{S_EQUIP, "r9", "cisco", 0, {NULL}, 0, 0, "192.0.2.1"}},
		 "equipment 'r1' and equipment 'r9': both claim BGP router-id 192.0.2.1"},
		{"duplicate equipment",
		 {{S_EQUIP, "r1", "cisco", 0, {NULL}}},
		 "equipment 'r1': defined twice"},
		{"PEN 0",
		 {{S_VENDOR, "acme", NULL, 0}},
		 "vendor 'acme': PEN 0 out of range (1-4294967294)"},
		{"PEN 2^32-1",
		 {{S_VENDOR, "acme", NULL, 4294967295u}},
		 "vendor 'acme': PEN 4294967295 out of range (1-4294967294)"},
		{"two vendors with one PEN",
		 {{S_VENDOR, "cisco2", NULL, 9}},
		 "vendor 'cisco' and vendor 'cisco2': same PEN 9"},
		{"vendor defined twice",
		 {{S_VENDOR, "zte", NULL, 99}},
		 "vendor 'zte': defined twice"},
		{"vendor name with a slash",
		 {{S_VENDOR, "a/b", NULL, 99}},
		 "vendor 'a/b': invalid name (1-63 characters of A-Z a-z 0-9 _ . -)"},
		{"AS attribution to an unknown vendor",
		 {{S_ATTR, NULL, "cisc0", 4200000000u}},
		 "as-attribution 4200000000: unknown vendor 'cisc0'"},
		{"local router of unknown vendor",
		 {{S_LOCAL, "fortinet", NULL, 1}},
		 "local router: unknown vendor 'fortinet'"},
		{"domain defined twice",
		 {{S_DOMAIN, NULL, NULL, 65000, {NULL}, 1, 2}},
		 "domain 65000: defined twice"},
		{"domain with clashing function numbers",
		 {{S_DOMAIN, NULL, NULL, 65100, {NULL}, 7, 7}},
		 "domain 65100: vendor and attestation function numbers are both 7"},
	};
	struct vg_error err;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vg_config_builder *b = vg_config_builder_new();

		print_message("case: %s\n", cases[i].what);
		apply(b, base);
		apply(b, cases[i].steps);
		memset(&err, 0, sizeof(err));
		assert_null(vg_config_build(b, &err));
		assert_string_equal(err.msg, cases[i].msg);
		vg_config_builder_free(b);
	}
}

static void test_too_many_vendors(void **state)
{
	struct vg_config_builder *b = vg_config_builder_new();
	struct vg_error err;
	char name[16];

	(void)state;
	for (uint32_t i = 0; i <= VG_MAX_VENDORS; i++) {
		snprintf(name, sizeof(name), "v%u", i);
		assert_int_equal(
			vg_config_builder_add_vendor(b, name, i + 1, false), 0);
	}
	assert_null(vg_config_build(b, &err));
	assert_string_equal(err.msg, "vendor 'v256': more than 256 vendors");
	vg_config_builder_free(b);
}

/*
 * Rebuilding with keep_ids: existing vendors keep their id even when the
 * list order changes or a vendor is removed; a new vendor avoids the ids of
 * the previous configuration; vg_config_vendor_changes() reports removed and
 * re-flagged vendors.
 */
static void test_keep_ids(void **state)
{
	struct vg_config_builder *b = vg_config_builder_new();
	struct vg_config *c1, *c2;
	struct vg_error err;
	struct vg_vset changed;

	(void)state;
	apply(b, (const struct step[]){{S_VENDOR, "cisco", NULL, 9},
				       {S_VENDOR, "juniper", NULL, 2636},
				       {S_VENDOR, "huawei", NULL, 2011},
				       {S_END}});
	c1 = vg_config_build(b, &err);
	assert_non_null(c1);
	vg_config_builder_free(b);

	b = vg_config_builder_new();
	vg_config_builder_keep_ids(b, c1);
	/* New order, cisco removed, arista added, juniper now flagged. */
	assert_int_equal(
		vg_config_builder_add_vendor(b, "arista", 30065, false), 0);
	assert_int_equal(vg_config_builder_add_vendor(b, "huawei", 2011, true),
			 0);
	assert_int_equal(vg_config_builder_add_vendor(b, "juniper", 2636, true),
			 0);
	c2 = vg_config_build(b, &err);
	assert_non_null(c2);
	assert_int_equal(vg_registry_by_name(&c2->reg, "juniper"), 1);
	assert_int_equal(vg_registry_by_name(&c2->reg, "huawei"), 2);
	assert_int_equal(vg_registry_by_name(&c2->reg, "arista"), 3);
	assert_null(vg_config_vendor_name(c2, 0));

	vg_config_vendor_changes(c1, c2, &changed);
	assert_true(vg_vset_has(&changed, 0)); /* cisco removed */
	assert_true(vg_vset_has(&changed, 1)); /* juniper flagged */
	assert_false(vg_vset_has(&changed, 2));
	assert_int_equal(vg_vset_count(&changed), 2);

	/* Without keep_ids, ids follow the order of addition. */
	vg_config_free(c2);
	vg_config_builder_keep_ids(b, NULL);
	c2 = vg_config_build(b, &err);
	assert_int_equal(vg_registry_by_name(&c2->reg, "arista"), 0);
	vg_config_free(c2);
	vg_config_free(c1);
	vg_config_builder_free(b);
}

/* A failing allocator: the n-th allocation from now on fails. */
static long alloc_countdown = -1;
static long alloc_live;

static bool alloc_fail(void)
{
	if (alloc_countdown < 0)
		return false;
	return alloc_countdown-- == 0;
}

static void *t_malloc(size_t n)
{
	void *p = alloc_fail() ? NULL : malloc(n);

	alloc_live += p != NULL;
	return p;
}

static void *t_calloc(size_t m, size_t n)
{
	void *p = alloc_fail() ? NULL : calloc(m, n);

	alloc_live += p != NULL;
	return p;
}

static void *t_realloc(void *q, size_t n)
{
	void *p;

	if (alloc_fail())
		return NULL;
	p = realloc(q, n);
	alloc_live += q == NULL && p != NULL;
	return p;
}

static void t_free(void *p)
{
	alloc_live -= p != NULL;
	free(p);
}

static const struct vg_alloc_ops failing_ops = {t_malloc, t_calloc, t_realloc,
						t_free};

/*
 * Fail each allocation of "record + build" in turn.  Every run must either
 * succeed or report "out of memory" (from the builder or the build), and
 * release everything it allocated (alloc_live back to zero; ASan checks
 * for leaks as well).
 */
static void test_out_of_memory(void **state)
{
	bool done = false;

	(void)state;
	vg_alloc_set(&failing_ops);
	for (long k = 0; !done && k < 10000; k++) {
		struct vg_config_builder *b;
		struct vg_config *cfg = NULL;
		struct vg_error err = {{0}};
		bool recorded = true;

		alloc_live = 0;
		alloc_countdown = k;
		b = vg_config_builder_new();
		if (b) {
			const struct step *s;

			/* Record through the API without asserting success. */
			for (s = base; s->kind != S_END; s++) {
				int rc = 0;

				if (s->kind == S_VENDOR)
					rc = vg_config_builder_add_vendor(
						b, s->name, s->num, false);
				else if (s->kind == S_ATTR)
					rc = vg_config_builder_add_as_attribution(
						b, s->num, &s->vendor, 1);
				else if (s->kind == S_DOMAIN)
					rc = vg_config_builder_add_domain(
						b, s->num, true, 1, 2,
						(const uint32_t[]){65001}, 1);
				if (rc < 0)
					recorded = false;
			}
			cfg = vg_config_build(b, &err);
			if (cfg == NULL)
				assert_true(strstr(err.msg, "out of memory"));
			done = cfg != NULL && recorded;
		}
		vg_config_free(cfg);
		vg_config_builder_free(b);
		assert_int_equal(alloc_live, 0);
	}
	alloc_countdown = -1;
	vg_alloc_set(NULL);
	assert_true(done);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_ok),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_too_many_vendors),
		cmocka_unit_test(test_keep_ids),
		cmocka_unit_test(test_out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
