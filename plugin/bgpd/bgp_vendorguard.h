// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: what the glue files share with each other.
 *
 * The glue is split by concern: bgp_vendorguard.c (module setup, version
 * guard, hooks), bgp_vendorguard_vty.c (show commands). Nothing here knows
 * the verdict rules; those live in plugin/core/.
 */
#ifndef _BGP_VENDORGUARD_H
#define _BGP_VENDORGUARD_H

#include "lib/memory.h"

DECLARE_MGROUP(VENDORGUARD);
DECLARE_MTYPE(VG_STATE);

/* Event counters of the running module, shown by `show bgp vendor-guard`. */
struct vg_counters {
	uint64_t paths_added;	 /* bgp_path_info added to any table */
	uint64_t paths_reaped;	 /* bgp_path_info freed */
	uint64_t process_events; /* bgp_process hook calls (peer paths) */
	uint64_t withdraw_events; /* of which withdraws/implicit withdraws */
};

/* Module-wide state, allocated at late init in MTYPE_VG_STATE. */
struct vg_state {
	struct vg_counters counters;
	time_t loaded_at;
};

extern struct vg_state *vg_state;

/* Version of vendorguard and of the FRR it was built against. */
extern const char vg_version[];
extern const char vg_frr_version[];

/* bgp_vendorguard_vty.c */
extern void vg_vty_init(void);

#endif /* _BGP_VENDORGUARD_H */
