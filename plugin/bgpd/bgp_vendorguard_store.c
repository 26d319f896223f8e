// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: the verdict store (see the header).
 */
#include <zebra.h>

#include "lib/jhash.h"
#include "lib/memory.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_route.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_store.h"

DEFINE_MTYPE_STATIC(VENDORGUARD, VG_ENTRY, "vendorguard path verdict");

static int vg_entry_cmp(const struct vg_entry *a, const struct vg_entry *b)
{
	return (a->pi > b->pi) - (a->pi < b->pi);
}

static uint32_t vg_entry_hash(const struct vg_entry *e)
{
	uintptr_t v = (uintptr_t)e->pi;

	return jhash_2words((uint32_t)v, (uint32_t)((uint64_t)v >> 32),
			    0x76677374);
}

DECLARE_HASH(vg_phash, struct vg_entry, item, vg_entry_cmp, vg_entry_hash);

static struct vg_phash_head vg_phash;
static struct vg_store_totals vg_totals;
static bool vg_store_ready;

static void vg_totals_apply(const struct vg_verdict *v, int sign)
{
	int id;

	vg_totals.by_verdict[v->verdict] += sign;
	vg_vset_foreach(&v->vendors, id) vg_totals.by_vendor[id] += sign;
}

void vg_store_init_all(void)
{
	vg_phash_init(&vg_phash);
	memset(&vg_totals, 0, sizeof(vg_totals));
	vg_store_ready = true;
}

static void vg_entry_free(struct vg_entry *e)
{
	if (e->gen)
		vg_totals_apply(&e->v, -1);
	if (e->orig)
		bgp_attr_unintern(&e->orig);
	if (e->cur)
		bgp_attr_unintern(&e->cur);
	XFREE(MTYPE_VG_ENTRY, e);
}

/* Called at frr_early_fini, while bgpd's attribute hash still exists. */
void vg_store_fini_all(void)
{
	struct vg_entry *e;

	struct vg_entry **all;
	size_t n = 0;

	if (!vg_store_ready)
		return;
	/*
	 * Not _pop() in a loop: it scans the bucket array from the start on
	 * every call, which is quadratic on a full table.
	 */
	all = XMALLOC(MTYPE_TMP,
		      (vg_phash_count(&vg_phash) + 1) * sizeof(*all));
	frr_each (vg_phash, &vg_phash, e)
		all[n++] = e;
	for (size_t i = 0; i < n; i++) {
		vg_phash_del(&vg_phash, all[i]);
		vg_entry_free(all[i]);
	}
	XFREE(MTYPE_TMP, all);
	vg_phash_fini(&vg_phash);
	vg_store_ready = false;
}

struct vg_entry *vg_store_lookup(const struct bgp_path_info *pi)
{
	struct vg_entry key = {.pi = pi};

	if (!vg_store_ready)
		return NULL;
	return vg_phash_find(&vg_phash, &key);
}

struct vg_entry *vg_store_get(const struct bgp_path_info *pi)
{
	struct vg_entry *e = vg_store_lookup(pi);

	if (e || !vg_store_ready)
		return e;
	e = XCALLOC(MTYPE_VG_ENTRY, sizeof(*e));
	e->pi = pi;
	vg_phash_add(&vg_phash, e);
	return e;
}

void vg_store_release(const struct bgp_path_info *pi)
{
	struct vg_entry *e = vg_store_lookup(pi);

	if (!e)
		return;
	vg_phash_del(&vg_phash, e);
	vg_entry_free(e);
}

size_t vg_store_count(void)
{
	return vg_store_ready ? vg_phash_count(&vg_phash) : 0;
}

const struct vg_store_totals *vg_store_totals(void)
{
	return &vg_totals;
}

void vg_store_set_verdict(struct vg_entry *e, const struct vg_verdict *v)
{
	if (e->gen)
		vg_totals_apply(&e->v, -1);
	e->v = *v;
	vg_totals_apply(&e->v, +1);
}
