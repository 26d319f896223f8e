// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: the compliance table of sensitive prefixes (see
 * bgp_vendorguard_compliance.c).
 */
#ifndef _BGP_VENDORGUARD_COMPLIANCE_H
#define _BGP_VENDORGUARD_COMPLIANCE_H

#include "lib/prefix.h"
#include "lib/typesafe.h"

#include "../core/vg_vset.h"

#define VG_XP "/frr-vendorguard:vendor-guard"

#define VG_CS_ABSENT 0
#define VG_CS_COMPLIANT 1
#define VG_CS_DEGRADED 2
#define VG_CS_WITHHELD 3

PREDECL_HASH(vg_chash);

struct vg_centry {
	struct vg_chash_item item;
	struct prefix prefix;
	char set[64];
	uint8_t state; /* VG_CS_* */
	time_t since;  /* monotime of the last change */
	struct vg_vset best_vendors;
	uint32_t eligible, withheld, transitions;
};

struct vty;

extern const char *vg_cstate_str(uint8_t state);
extern size_t vg_compliance_count(void);
extern const struct vg_centry *vg_compliance_first(void);
extern const struct vg_centry *vg_compliance_next(const struct vg_centry *e);
extern const struct vg_centry *vg_compliance_lookup(const struct prefix *p);

/* All tracked prefixes, or one (p != NULL); json when uj. */
extern void vg_compliance_show(struct vty *vty, const struct prefix *p,
			       bool uj);

#endif /* _BGP_VENDORGUARD_COMPLIANCE_H */
