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

struct bgp;
struct bgp_dest;
struct bgp_path_info;
struct vg_config;
struct vg_policy;

/* Event counters of the running module, shown by `show bgp vendor-guard`. */
struct vg_counters {
	uint64_t paths_added;	  /* bgp_path_info added to any table */
	uint64_t paths_reaped;	  /* bgp_path_info freed */
	uint64_t process_events;  /* bgp_process hook calls (peer paths) */
	uint64_t withdraw_events; /* of which withdraws/implicit withdraws */
	uint64_t paths_evaluated; /* classifier runs */
	uint64_t forged_tags_removed;
	uint64_t revalidations; /* configuration changes applied */
	uint64_t compliance_transitions;
	uint64_t reval_dests_processed; /* queued for re-evaluation */
	uint64_t reval_dests_skipped;	/* verdict and action cannot change */
};

/* Module-wide state, allocated at late init in MTYPE_VG_STATE. */
struct vg_state {
	struct vg_counters counters;
	time_t loaded_at;
	struct vg_config
		*cfg; /* compiled configuration, never NULL after init */
	struct vg_policy *pol; /* sensitive sets, never NULL after init */
	uint32_t gen;	       /* bumped on every new cfg/pol */
	uint32_t verdict_fn; /* verdict tag function of our domain, 0 = none */
};

extern struct vg_state *vg_state;

/* Version of vendorguard and of the FRR it was built against. */
extern const char vg_version[];
extern const char vg_frr_version[];

/* bgp_vendorguard_vty.c: show commands */
extern void vg_vty_init(void);

/* bgp_vendorguard_cli.c: configuration commands and running-config */
extern void vg_cli_init(void);

/* bgp_vendorguard_nb.c: the YANG module in bgpd's northbound */
extern bool vg_nb_init(void);
extern void vg_nb_fini(void);
extern void vg_config_rebuild(void);

/* bgp_vendorguard_eval.c: per-path evaluation and revalidation */
extern bool vg_path_in_scope(const struct bgp *bgp,
			     const struct bgp_path_info *pi);
extern void vg_eval_dest(struct bgp *bgp, struct bgp_dest *dest);
extern int vg_own_domain(const struct vg_config *cfg);
struct vg_set_policy;
struct prefix;
extern const struct vg_set_policy *vg_dest_set(struct bgp_dest *dest);
extern const struct vg_set_policy *vg_prefix_set(const struct prefix *p);
struct vg_prefix;
extern bool vg_prefix_from(const struct prefix *p, struct vg_prefix *vp);

/* bgp_vendorguard_plist.c: sensitive sets made of an FRR prefix-list */
extern void vg_plist_init(void);
extern void vg_plist_fini(void);
extern void vg_plist_policy_changed(const struct vg_policy *pol);
extern const struct vg_set_policy *vg_plist_match(const struct prefix *p,
						  int *len);

/* bgp_vendorguard_compliance.c: state of sensitive prefixes (spec §5) */
extern void vg_compliance_update(struct bgp *bgp, struct bgp_dest *dest);
extern void vg_compliance_config_changed(void);
extern void vg_compliance_init(void);
extern void vg_compliance_fini(void);
#define VG_DIRTY_FLAGS 0x1 /* only vendor flags changed (see vendors) */
#define VG_DIRTY_SETS 0x2  /* sensitive sets changed */
#define VG_DIRTY_ALL 0x4   /* anything else: every path may change */
#define VG_DIRTY_PLIST 0x8 /* a referenced prefix-list changed */
struct vg_vset;
extern void vg_config_changed(uint8_t dirty, const struct vg_vset *vendors,
			      struct vg_policy *old_pol);
extern void vg_eval_inst_delete(struct bgp *bgp);
extern bool vg_reval_running(void);
extern void vg_eval_fini(void);

#endif /* _BGP_VENDORGUARD_H */
