// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: the FRR-8.4.4-specific seam (see the .c file).
 * The module's version guard ensures this only runs inside FRR 8.4.4.
 */
#ifndef _BGP_VENDORGUARD_FRR84_H
#define _BGP_VENDORGUARD_FRR84_H

struct bgp;
struct bgp_dest;

/* Called for each destination right before bgpd runs best-path on it. */
typedef void (*vg_dest_fn)(struct bgp *bgp, struct bgp_dest *dest);

extern void vg_wq_init(vg_dest_fn cb);
extern void vg_wq_wrap(struct bgp *bgp);
extern void vg_wq_wrap_all(void);
extern void vg_wq_unwrap(struct bgp *bgp);
extern void vg_wq_fini(void);

#endif /* _BGP_VENDORGUARD_FRR84_H */
