// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of vg_vset.h: the 256-bit vendor set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vg_vset.h"

static void test_add_has_del(void **state)
{
	static const unsigned int ids[] = {0, 1, 63, 64, 127, 128, 200, 255};
	struct vg_vset s;

	(void)state;
	vg_vset_clear(&s);
	assert_true(vg_vset_empty(&s));
	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		assert_false(vg_vset_has(&s, ids[i]));
		vg_vset_add(&s, ids[i]);
		assert_true(vg_vset_has(&s, ids[i]));
	}
	assert_int_equal(vg_vset_count(&s), 8);
	assert_false(vg_vset_has(&s, 2));
	assert_false(vg_vset_has(&s, 254));

	/* Out-of-range ids are ignored, never written past the bitmap. */
	vg_vset_add(&s, 256);
	vg_vset_add(&s, 100000);
	assert_false(vg_vset_has(&s, 256));
	assert_int_equal(vg_vset_count(&s), 8);

	vg_vset_del(&s, 64);
	assert_false(vg_vset_has(&s, 64));
	assert_int_equal(vg_vset_count(&s), 7);
}

static void test_union_intersects(void **state)
{
	struct vg_vset a, b, flagged;

	(void)state;
	vg_vset_clear(&a);
	vg_vset_clear(&b);
	vg_vset_clear(&flagged);
	vg_vset_add(&a, 3);
	vg_vset_add(&b, 70);
	vg_vset_add(&b, 255);
	vg_vset_add(&flagged, 255);

	assert_false(vg_vset_intersects(&a, &b));
	assert_false(vg_vset_intersects(&a, &flagged));
	vg_vset_union(&a, &b);
	assert_int_equal(vg_vset_count(&a), 3);
	assert_true(vg_vset_intersects(&a, &flagged));
	assert_true(vg_vset_has(&a, 70));
	assert_false(vg_vset_equal(&a, &b));
	vg_vset_add(&b, 3);
	assert_true(vg_vset_equal(&a, &b));
}

static void test_foreach(void **state)
{
	static const int want[] = {0, 5, 63, 64, 65, 191, 192, 255};
	struct vg_vset s;
	size_t n = 0;
	int id;

	(void)state;
	vg_vset_clear(&s);
	vg_vset_foreach(&s, id) fail();
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		vg_vset_add(&s, (unsigned int)want[i]);
	vg_vset_foreach(&s, id)
	{
		assert_true(n < sizeof(want) / sizeof(want[0]));
		assert_int_equal(id, want[n]);
		n++;
	}
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	assert_int_equal(vg_vset_next(&s, 256), -1);
	assert_int_equal(vg_vset_next(&s, 66), 191);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_has_del),
		cmocka_unit_test(test_union_intersects),
		cmocka_unit_test(test_foreach),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
