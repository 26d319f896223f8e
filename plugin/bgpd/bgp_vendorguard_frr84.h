// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: the FRR-8.4.4-specific seam (see the .c file).
 * The module's version guard ensures this only runs inside FRR 8.4.4.
 */
#ifndef _BGP_VENDORGUARD_FRR84_H
#define _BGP_VENDORGUARD_FRR84_H

struct bgp;
struct bgp_dest;
struct bgp_path_info;

typedef void (*vg_dest_fn)(struct bgp *bgp, struct bgp_dest *dest);

/*
 * before: called for each destination right before bgpd runs best-path on
 * it; selected: right after (the destination is still valid then).
 */
extern void vg_wq_init(vg_dest_fn before, vg_dest_fn selected);
extern void vg_wq_wrap(struct bgp *bgp);
extern void vg_wq_wrap_all(void);
extern void vg_wq_unwrap(struct bgp *bgp);
extern void vg_wq_fini(void);

/* Make a received path (in)eligible for best-path (withhold). */
extern void vg_path_set_eligible(struct bgp *bgp, struct bgp_dest *dest,
				 struct bgp_path_info *pi, bool eligible);

struct prefix;
struct prefix_list;

/*
 * Length of the entry of plist that permits p, or -1 when plist (NULL =
 * missing) does not permit it.
 */
extern int vg_plist_match_len(struct prefix_list *plist,
			      const struct prefix *p);
extern bool vg_plist_empty(const struct prefix_list *plist);

/* Called on every prefix-list change; deleted: an entry or the list went. */
typedef void (*vg_plist_fn)(struct prefix_list *plist, bool deleted);
extern void vg_plist_hooks_install(vg_plist_fn cb);
extern void vg_plist_hooks_fini(void);

#endif /* _BGP_VENDORGUARD_FRR84_H */
