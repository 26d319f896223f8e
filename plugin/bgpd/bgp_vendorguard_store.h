// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: the verdict store.
 *
 * One entry per received path (keyed by its struct bgp_path_info pointer)
 * holds what the classifier said and the attributes it said it of. Show
 * commands and later actions read the store; nothing is recomputed per show.
 * An entry lives exactly as long as its path: it is freed when bgpd reaps the
 * path (bgp_snmp_update_stats hook, added=false).
 */
#ifndef _BGP_VENDORGUARD_STORE_H
#define _BGP_VENDORGUARD_STORE_H

#include "lib/typesafe.h"

#include "../core/vg_classify.h"

struct attr;
struct bgp_path_info;

PREDECL_HASH(vg_phash);

struct vg_entry {
	struct vg_phash_item item;
	const struct bgp_path_info *pi;

	/*
	 * orig: the attributes as the peer sent them (after bgpd's inbound
	 * policy), referenced so a re-evaluation after a configuration
	 * change can start from them rather than from our rewrite.
	 * cur: what pi->attr was when we last evaluated; when pi->attr
	 * differs, the peer sent something new. Both hold an attr reference,
	 * so a freed and reused address can never look unchanged.
	 */
	struct attr *orig;
	struct attr *cur;
	uint32_t gen; /* configuration generation of the verdict */
	struct vg_verdict v;
	uint8_t action; /* VG_ACT_* applied to the path */
	bool withheld;	/* we cleared BGP_PATH_VALID and must keep it so */
};

extern void vg_store_init_all(void);
extern void vg_store_fini_all(void);
extern struct vg_entry *vg_store_lookup(const struct bgp_path_info *pi);
extern struct vg_entry *vg_store_get(const struct bgp_path_info *pi);
extern void vg_store_release(const struct bgp_path_info *pi);
extern size_t vg_store_count(void);

/* Per-verdict and per-vendor totals over all stored paths. */
struct vg_store_totals {
	uint64_t by_verdict[3]; /* indexed by VG_UNKNOWN/VG_CLEAN/VG_TAINTED */
	uint64_t by_vendor[VG_MAX_VENDORS];
};
extern const struct vg_store_totals *vg_store_totals(void);

/* Record a new verdict for an entry, keeping the totals in step. */
extern void vg_store_set_verdict(struct vg_entry *e,
				 const struct vg_verdict *v);

#endif /* _BGP_VENDORGUARD_STORE_H */
