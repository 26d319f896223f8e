// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd module: setup, version guard, hook registration.
 *
 * Loaded with `bgpd -M vendorguard`. FRR modules have no stable ABI: this
 * file refuses to do anything unless it runs inside the bgpd of the exact
 * FRR version it was compiled against. On a mismatch it logs why, registers
 * nothing, and lets bgpd carry on without it.
 */
#include <zebra.h>

#include "lib/defaults.h"
#include "lib/hook.h"
#include "lib/libfrr.h"
#include "lib/module.h"
#include "lib/version.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_frr84.h"
#include "bgp_vendorguard_store.h"

#include "../core/vg_alloc.h"
#include "../core/vg_config.h"
#include "../core/vg_policy.h"

DEFINE_MGROUP(VENDORGUARD, "vendorguard");
DEFINE_MTYPE(VENDORGUARD, VG_STATE, "vendorguard module state");
DEFINE_MTYPE_STATIC(VENDORGUARD, VG_CORE, "vendorguard compiled tables");

/* The core allocates through these, so `show memory` counts its tables. */
static void *vg_core_malloc(size_t size)
{
	return XMALLOC(MTYPE_VG_CORE, size);
}

static void *vg_core_calloc(size_t nmemb, size_t size)
{
	return XCALLOC(MTYPE_VG_CORE, nmemb * size);
}

static void *vg_core_realloc(void *ptr, size_t size)
{
	return XREALLOC(MTYPE_VG_CORE, ptr, size);
}

static void vg_core_free(void *ptr)
{
	XFREE(MTYPE_VG_CORE, ptr);
}

static const struct vg_alloc_ops vg_core_alloc = {
	.malloc = vg_core_malloc,
	.calloc = vg_core_calloc,
	.realloc = vg_core_realloc,
	.free = vg_core_free,
};

const char vg_version[] = VG_VERSION;
const char vg_frr_version[] = FRR_VER_SHORT;

struct vg_state *vg_state;

/* Called for every path added to or reaped from any table. */
static int vg_path_stats(struct bgp_node *dest, struct bgp_path_info *pi,
			 bool added)
{
	if (!vg_state)
		return 0;
	if (added) {
		vg_state->counters.paths_added++;
	} else {
		vg_state->counters.paths_reaped++;
		vg_store_release(pi);
	}
	return 0;
}

static int vg_bgp_process(struct bgp *bgp, afi_t afi, safi_t safi,
			  struct bgp_dest *dest, struct peer *peer,
			  bool withdraw)
{
	if (!vg_state)
		return 0;
	vg_state->counters.process_events++;
	if (withdraw)
		vg_state->counters.withdraw_events++;
	/*
	 * Fires in bgp_update()/bgp_rib_remove() before the destination is
	 * queued, so no received path reaches selection unwrapped.
	 */
	vg_wq_wrap(bgp);
	/*
	 * A new path is complete here: evaluate it at once. Selection may not
	 * go through the work queue: after a graceful restart, bgpd runs the
	 * deferred selection directly (bgp_best_path_select_defer()), and a
	 * path to withhold must already be ineligible then. (For an update of
	 * an existing path the hook fires before the new attributes are
	 * stored; the work queue wrapper evaluates those.)
	 */
	if (!withdraw)
		vg_eval_dest(bgp, dest);
	return 0;
}

static int vg_config_end(struct bgp *bgp)
{
	vg_wq_wrap(bgp);
	return 0;
}

static int vg_inst_delete(struct bgp *bgp)
{
	vg_eval_inst_delete(bgp);
	vg_wq_unwrap(bgp);
	return 0;
}

static int vg_late_init(struct thread_master *master)
{
	vg_alloc_set(&vg_core_alloc);
	vg_state = XCALLOC(MTYPE_VG_STATE, sizeof(*vg_state));
	vg_state->loaded_at = time(NULL);
	vg_store_init_all();
	vg_compliance_init();
	vg_plist_init();
	if (vg_nb_init())
		vg_cli_init();
	vg_config_rebuild(); /* empty tables until the config is read */
	vg_wq_init(vg_eval_dest, vg_compliance_update);
	vg_wq_wrap_all();
	vg_vty_init();
	zlog_info("vendorguard %s loaded into bgpd (FRR %s)", vg_version,
		  vg_frr_version);
	return 0;
}

/*
 * Runs before bgpd's own teardown. Everything the module allocated is freed
 * here, so that FRR's memory accounting at exit finds no leak of ours.
 */
static int vg_early_fini(void)
{
	vg_wq_fini();
	vg_eval_fini();
	vg_plist_fini();
	vg_store_fini_all();
	vg_compliance_fini();
	if (vg_state && vg_state->cfg)
		vg_config_free(vg_state->cfg);
	if (vg_state)
		vg_policy_free(vg_state->pol);
	XFREE(MTYPE_VG_STATE, vg_state);
	return 0;
}

/* After daemon teardown, before nb_terminate(). */
static int vg_fini(void)
{
	vg_nb_fini();
	return 0;
}

/*
 * Decide whether this process is one we were built for. The version check
 * compares the FRR version baked into libfrr (frr_defaults_version() still
 * holds libfrr's compiled-in version at module load, before any config is
 * read) with the one of the source tree we were compiled against.
 */
static bool vg_runtime_matches(void)
{
	const char *running = frr_defaults_version();
	const char *prog = frr_get_progname();

	if (!prog || strcmp(prog, "bgpd")) {
		zlog_err(
			"[VG-LOAD-DAEMON] vendorguard: this module is for bgpd, not %s; not loading",
			prog ? prog : "(unknown)");
		fprintf(stderr,
			"vendorguard: this module is for bgpd, not %s; not loading\n",
			prog ? prog : "(unknown)");
		return false;
	}
	if (strcmp(running, vg_frr_version)) {
		zlog_err(
			"[VG-LOAD-VERSION] vendorguard %s: built for FRR %s but this bgpd runs FRR %s; refusing to load (rebuild vendorguard against FRR %s)",
			vg_version, vg_frr_version, running, running);
		fprintf(stderr,
			"vendorguard %s: built for FRR %s but this bgpd runs FRR %s; refusing to load\n",
			vg_version, vg_frr_version, running);
		return false;
	}
	return true;
}

static int vg_module_init(void)
{
	/* Returning non-zero would make bgpd exit; refuse quietly instead. */
	if (!vg_runtime_matches())
		return 0;

	hook_register_prio(frr_late_init, 0, vg_late_init);
	hook_register(frr_early_fini, vg_early_fini);
	hook_register(frr_fini, vg_fini);
	hook_register(bgp_config_end, vg_config_end);
	hook_register(bgp_inst_delete, vg_inst_delete);
	hook_register(bgp_snmp_update_stats, vg_path_stats);
	hook_register(bgp_process, vg_bgp_process);
	return 0;
}

FRR_MODULE_SETUP(.name = "bgpd_vendorguard", .version = VG_VERSION,
		 .description = "vendorguard: vendor-aware path policy",
		 .init = vg_module_init);
