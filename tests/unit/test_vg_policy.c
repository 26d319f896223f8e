// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_policy.c: which sensitive set decides for a prefix, and
 * what happens to a path of each verdict under each action.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vg_policy.h"
#include "vg_test.h"

static struct vg_prefix pfx(const char *s)
{
	struct vg_prefix p = vg_test_prefix(s);

	assert_true(p.family != 0);
	return p;
}

/*
 * Sets, strictest first as the glue adds them:
 *   mil (withhold):  198.18.0.0/15 le 24, 2001:db8:100::/40 ge 48 le 56
 *   gov (demote 10, unknown not tainted): 198.18.0.0/15 le 24 (tie with
 *        mil), 198.18.5.0/24, 203.0.113.0/24
 *   watch (monitor): 198.18.0.0/16 le 32
 */
static struct vg_policy *build(void)
{
	struct vg_policy *pol = vg_policy_new();
	struct vg_error err = {};
	struct vg_prefix p;
	int mil, gov, watch;

	assert_non_null(pol);
	mil = vg_policy_add_set(pol, "mil", VG_ACT_WITHHOLD, 0, true, &err);
	gov = vg_policy_add_set(pol, "gov", VG_ACT_DEMOTE, 10, false, &err);
	watch = vg_policy_add_set(pol, "watch", VG_ACT_MONITOR, 0, true, &err);
	assert_int_equal(mil, 0);
	assert_int_equal(gov, 1);
	assert_int_equal(watch, 2);

	p = pfx("198.18.0.0/15");
	assert_int_equal(vg_policy_add_prefix(pol, mil, &p, 0, 24, &err), 0);
	p = pfx("2001:db8:100::/40");
	assert_int_equal(vg_policy_add_prefix(pol, mil, &p, 48, 56, &err), 0);
	p = pfx("198.18.0.0/15");
	assert_int_equal(vg_policy_add_prefix(pol, gov, &p, 0, 24, &err), 0);
	p = pfx("198.18.5.0/24");
	assert_int_equal(vg_policy_add_prefix(pol, gov, &p, 0, 0, &err), 0);
	p = pfx("203.0.113.0/24");
	assert_int_equal(vg_policy_add_prefix(pol, gov, &p, 0, 0, &err), 0);
	p = pfx("198.18.0.0/16");
	assert_int_equal(vg_policy_add_prefix(pol, watch, &p, 0, 32, &err), 0);
	return pol;
}

static void test_match(void **state)
{
	static const struct {
		const char *prefix;
		const char *set; /* NULL = not sensitive */
	} cases[] = {
		{"198.18.5.0/24", "gov"},     /* exact entry beats the /15 range */
		{"198.18.6.0/24", "watch"},   /* /16 le 32 is more specific */
		{"198.19.6.0/24", "mil"},     /* /15 range tie: mil added first */
		{"198.18.5.128/25", "watch"}, /* mil/gov stop at le 24 */
		{"203.0.113.0/24", "gov"},
		{"203.0.113.0/25", NULL}, /* exact entry only */
		{"2001:db8:100:ff00::/56", "mil"},
		{"2001:db8:100::/40", NULL}, /* ge 48 */
		{"192.0.2.0/24", NULL},
	};
	struct vg_policy *pol = build();

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vg_prefix p = pfx(cases[i].prefix);
		const struct vg_set_policy *s = vg_policy_match(pol, &p);

		if (!cases[i].set) {
			if (s)
				fail_msg("%s: expected no set, got %s",
					 cases[i].prefix, s->name);
			continue;
		}
		if (!s)
			fail_msg("%s: expected %s, got none", cases[i].prefix,
				 cases[i].set);
		assert_string_equal(s->name, cases[i].set);
	}
	vg_policy_free(pol);
}

static void test_action(void **state)
{
	struct vg_policy *pol = build();
	const struct vg_set_policy *mil = &pol->sets[0], *gov = &pol->sets[1],
				   *watch = &pol->sets[2];

	(void)state;
	/* Clean paths are never touched. */
	assert_int_equal(vg_policy_action(mil, VG_CLEAN), VG_ACT_MONITOR);
	assert_int_equal(vg_policy_action(gov, VG_CLEAN), VG_ACT_MONITOR);
	/* Tainted paths get the set's action. */
	assert_int_equal(vg_policy_action(mil, VG_TAINTED), VG_ACT_WITHHOLD);
	assert_int_equal(vg_policy_action(gov, VG_TAINTED), VG_ACT_DEMOTE);
	assert_int_equal(vg_policy_action(watch, VG_TAINTED), VG_ACT_MONITOR);
	/* Unknown follows the set's unknown policy. */
	assert_int_equal(vg_policy_action(mil, VG_UNKNOWN), VG_ACT_WITHHOLD);
	assert_int_equal(vg_policy_action(gov, VG_UNKNOWN), VG_ACT_MONITOR);
	/* Not sensitive: nothing. */
	assert_int_equal(vg_policy_action(NULL, VG_TAINTED), VG_ACT_MONITOR);
	assert_int_equal(gov->demote_lp, 10);
	vg_policy_free(pol);
}

static void test_errors(void **state)
{
	struct vg_policy *pol = vg_policy_new();
	struct vg_error err = {};
	struct vg_prefix p = pfx("10.0.0.0/8");

	(void)state;
	assert_int_equal(
		vg_policy_add_set(pol, "bad name", VG_ACT_DEMOTE, 0, true, &err),
		-1);
	assert_non_null(strstr(err.msg, "bad name"));
	assert_int_equal(vg_policy_add_set(pol, "x", 7, 0, true, &err), -1);
	assert_int_equal(vg_policy_add_prefix(pol, 3, &p, 0, 0, &err), -1);
	assert_int_equal(vg_policy_add_set(pol, "x", VG_ACT_DEMOTE, 0, true,
					   &err),
			 0);
	/* ge > le is refused with the set named in the message. */
	assert_int_equal(vg_policy_add_prefix(pol, 0, &p, 24, 16, &err), -1);
	assert_non_null(strstr(err.msg, "sensitive-set 'x'"));
	/* An empty policy matches nothing. */
	assert_null(vg_policy_match(NULL, &p));
	vg_policy_free(pol);
}

static void test_prefer_and_plist(void **state)
{
	struct vg_policy *pol = build();
	const struct vg_set_policy *mil = &pol->sets[0], *gov = &pol->sets[1];
	struct vg_error err = {};
	struct vg_prefix p = pfx("198.18.5.0/24");
	uint8_t len = 0;

	(void)state;
	/* The exact /24 entry of gov decides, at length 24. */
	assert_ptr_equal(vg_policy_match_len(pol, &p, &len), gov);
	assert_int_equal(len, 24);
	/* More specific wins; on a tie the set added first (stricter). */
	assert_ptr_equal(vg_policy_prefer(mil, 16, gov, 24), gov);
	assert_ptr_equal(vg_policy_prefer(gov, 24, mil, 24), mil);
	assert_ptr_equal(vg_policy_prefer(NULL, 0, gov, 8), gov);
	assert_ptr_equal(vg_policy_prefer(mil, 8, NULL, 0), mil);
	/* A set can name a prefix-list; the name is kept for the glue. */
	assert_int_equal(vg_policy_set_plist(pol, 2, "SENSITIVE", &err), 0);
	assert_string_equal(pol->sets[2].plist, "SENSITIVE");
	assert_int_equal(vg_policy_set_plist(pol, 9, "X", &err), -1);
	assert_int_equal(vg_policy_set_plist(pol, 2, "", &err), -1);
	vg_policy_free(pol);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_action),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_prefer_and_plist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
