// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: everything that depends on FRR 8.4.4's private
 * internals, in one place, so that a port to another FRR touches one file.
 *
 * bgpd has no hook that runs before best-path selection. Every selection
 * goes through the instance's process work queue, whose work function
 * (bgp_process_wq, static in bgp_route.c) we wrap: for each queued
 * destination our callback runs first, so paths carry their verdict and
 * rewritten attributes when bgpd selects. The technique and its proofs are in
 * shared/notes/withhold-poc.md (option A); the wrapper below is that one.
 *
 * Selections that bypass the queue (graceful-restart deferral, EVPN) are not
 * seen here; the module only handles IPv4/IPv6 unicast.
 *
 * Prefix-lists: libfrr has one add hook and one delete hook, which bgpd
 * uses (static peer_prefix_list_update() in bgpd.c). The module takes both
 * hooks and runs a copy of bgpd's function before its own, so bgpd's
 * behaviour is unchanged. It also reads the private struct prefix_list.
 */
#include <zebra.h>

#include "lib/linklist.h"
#include "lib/plist.h"
#include "lib/plist_int.h"
#include "lib/workqueue.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_nexthop.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"
#include "bgpd/bgp_updgrp.h"
#include "bgpd/bgp_zebra.h"

#include "bgp_vendorguard_frr84.h"

/* Copy of struct bgp_process_queue, bgp_route.c:2920 in FRR 8.4.4. */
struct vg_process_queue {
	struct bgp *bgp;
	STAILQ_HEAD(, bgp_dest) pqueue;
#define VG_PROCESS_QUEUE_EOIU_MARKER (1 << 0)
	unsigned int flags;
	unsigned int queued;
};

typedef wq_item_status (*vg_workfunc_t)(struct work_queue *, void *);

static vg_workfunc_t vg_orig_workfunc; /* bgp_process_wq */
static vg_dest_fn vg_dest_cb;
static vg_dest_fn vg_selected_cb;
static struct list *vg_wrapped; /* struct bgp * whose queue we wrapped */
static bool vg_shutdown;

/*
 * The wrapped work function. First a pre-pass applies the callback to every
 * destination of the item, so that nothing in it (an aggregate, say) is
 * selected while a contributor still has stale attributes. Then it hands
 * bgpd's function one destination at a time, applying the callback again
 * right before each: a bgp_process() called meanwhile appends to this same
 * item (it is still the queue's last), so late arrivals are caught too.
 */
static wq_item_status vg_process_wq(struct work_queue *wq, void *data)
{
	struct vg_process_queue *pqnode = data;
	struct bgp_dest *dest;

	if (CHECK_FLAG(pqnode->flags, VG_PROCESS_QUEUE_EOIU_MARKER) ||
	    vg_shutdown || !vg_dest_cb)
		return vg_orig_workfunc(wq, data);

	STAILQ_FOREACH (dest, &pqnode->pqueue, pq)
		vg_dest_cb(pqnode->bgp, dest);

	while (!STAILQ_EMPTY(&pqnode->pqueue)) {
		struct vg_process_queue one = {
			.bgp = pqnode->bgp,
			.flags = 0,
			.queued = 1,
		};

		dest = STAILQ_FIRST(&pqnode->pqueue);
		STAILQ_REMOVE_HEAD(&pqnode->pqueue, pq);
		STAILQ_NEXT(dest, pq) = NULL;
		STAILQ_INIT(&one.pqueue);

		vg_dest_cb(pqnode->bgp, dest);

		STAILQ_INSERT_TAIL(&one.pqueue, dest, pq);
		/*
		 * bgpd's own: selection, then unlock of dest and table. Our
		 * lock keeps the dest for the post-selection callback.
		 */
		bgp_dest_lock_node(dest);
		(void)vg_orig_workfunc(wq, &one);
		if (vg_selected_cb)
			vg_selected_cb(pqnode->bgp, dest);
		bgp_dest_unlock_node(dest);
	}
	return WQ_SUCCESS;
}

void vg_wq_init(vg_dest_fn before, vg_dest_fn selected)
{
	vg_dest_cb = before;
	vg_selected_cb = selected;
	vg_shutdown = false;
	if (!vg_wrapped)
		vg_wrapped = list_new();
}

void vg_wq_wrap(struct bgp *bgp)
{
	vg_workfunc_t cur;

	if (vg_shutdown || !vg_wrapped || !bgp || !bgp->process_queue)
		return;
	cur = bgp->process_queue->spec.workfunc;
	if (cur == vg_process_wq)
		return;
	if (!vg_orig_workfunc)
		vg_orig_workfunc = cur;
	else if (cur != vg_orig_workfunc) {
		zlog_warn(
			"[VG-WQ-FOREIGN] vendorguard: %s: unknown best-path work function, not evaluating its paths",
			bgp->name_pretty);
		return;
	}
	bgp->process_queue->spec.workfunc = vg_process_wq;
	listnode_add(vg_wrapped, bgp);
}

void vg_wq_wrap_all(void)
{
	struct listnode *n;
	struct bgp *bgp;

	if (!bm || !bm->bgp)
		return;
	for (ALL_LIST_ELEMENTS_RO(bm->bgp, n, bgp))
		vg_wq_wrap(bgp);
}

void vg_wq_unwrap(struct bgp *bgp)
{
	if (!vg_wrapped || !listnode_lookup(vg_wrapped, bgp))
		return;
	if (bgp->process_queue &&
	    bgp->process_queue->spec.workfunc == vg_process_wq)
		bgp->process_queue->spec.workfunc = vg_orig_workfunc;
	listnode_delete(vg_wrapped, bgp);
}

/*
 * bgp_exit() runs frr_early_fini before it deletes the instances, and
 * frr_fini only after the instance list is gone: restore here.
 */
void vg_wq_fini(void)
{
	struct listnode *n, *nn;
	struct bgp *bgp;

	vg_shutdown = true;
	if (!vg_wrapped)
		return;
	for (ALL_LIST_ELEMENTS(vg_wrapped, n, nn, bgp))
		vg_wq_unwrap(bgp);
	list_delete(&vg_wrapped);
}

/*
 * The nexthop test bgpd applies before it marks a path VALID (bgp_nht.c,
 * bgp_isvalid_nexthop() and bgp_update()), for peer-learned paths.
 */
static bool vg_nexthop_valid(struct bgp *bgp, struct bgp_dest *dest,
			     struct bgp_path_info *pi, afi_t afi, safi_t safi)
{
	struct bgp_nexthop_cache *bnc = pi->nexthop;

	if (bgp->inst_type == BGP_INSTANCE_TYPE_VIEW)
		return true;
	if (CHECK_FLAG(pi->peer->flags, PEER_FLAG_IS_RFAPI_HD))
		return true;
	if (bgp_update_martian_nexthop(bgp, afi, safi, pi->type, pi->sub_type,
				       pi->attr, dest))
		return false;
	if (bgp_zebra_num_connects() == 0)
		return true;
	return bnc && CHECK_FLAG(bnc->flags, BGP_NEXTHOP_VALID) &&
	       bnc->nexthop_num > 0;
}

/*
 * Withhold (eligible=false) or release a path, the way nexthop tracking
 * makes a path (in)valid: best-path skips a path without BGP_PATH_VALID.
 * Aggregates are decremented while the path is still VALID and
 * incremented after it is VALID again (bgp_nht.c order). A released path
 * whose nexthop is down stays invalid; NHT validates it later.
 */
void vg_path_set_eligible(struct bgp *bgp, struct bgp_dest *dest,
			  struct bgp_path_info *pi, bool eligible)
{
	const struct prefix *p = bgp_dest_get_prefix(dest);
	struct bgp_table *table = bgp_dest_table(dest);
	bool valid = CHECK_FLAG(pi->flags, BGP_PATH_VALID);

	if (!eligible && valid) {
		bgp_aggregate_decrement(bgp, p, pi, table->afi, table->safi);
		bgp_path_info_unset_flag(dest, pi, BGP_PATH_VALID);
	} else if (eligible && !valid &&
		   vg_nexthop_valid(bgp, dest, pi, table->afi, table->safi)) {
		bgp_path_info_set_flag(dest, pi, BGP_PATH_VALID);
		bgp_aggregate_increment(bgp, p, pi, table->afi, table->safi);
	}
}

/* ------------------------------------------------------------------ */
/* Prefix-lists                                                         */

int vg_plist_match_len(struct prefix_list *plist, const struct prefix *p)
{
	const struct prefix_list_entry *which = NULL;

	if (!plist ||
	    prefix_list_apply_ext(plist, &which, p, false) != PREFIX_PERMIT)
		return -1;
	return which ? which->prefix.prefixlen : 0;
}

bool vg_plist_empty(const struct prefix_list *plist)
{
	return plist->count == 0;
}

/* Re-resolve a filter's prefix-lists by name (one direction each). */
static void vg_filter_plists_update(struct bgp_filter *filter, afi_t afi)
{
	for (int direct = FILTER_IN; direct < FILTER_MAX; direct++)
		filter->plist[direct].plist =
			filter->plist[direct].name
				? prefix_list_lookup(afi,
						     filter->plist[direct].name)
				: NULL;
}

/* Copy of bgpd.c peer_prefix_list_update() (static there), FRR 8.4.4. */
static void vg_bgpd_prefix_list_update(struct prefix_list *plist)
{
	struct listnode *mnode, *mnnode;
	struct listnode *node, *nnode;
	struct bgp *bgp;
	struct peer *peer;
	struct peer_group *group;
	afi_t afi;
	safi_t safi;

	for (ALL_LIST_ELEMENTS(bm->bgp, mnode, mnnode, bgp)) {
		update_group_policy_update(
			bgp, BGP_POLICY_PREFIX_LIST,
			plist ? prefix_list_name(plist) : NULL, true, 0);
		for (ALL_LIST_ELEMENTS(bgp->peer, node, nnode, peer)) {
			FOREACH_AFI_SAFI (afi, safi) {
				vg_filter_plists_update(
					&peer->filter[afi][safi], afi);
				if (CHECK_FLAG(peer->af_cap[afi][safi],
					       PEER_CAP_ORF_PREFIX_SM_ADV) &&
				    (CHECK_FLAG(peer->af_cap[afi][safi],
						PEER_CAP_ORF_PREFIX_RM_RCV) ||
				     CHECK_FLAG(
					     peer->af_cap[afi][safi],
					     PEER_CAP_ORF_PREFIX_RM_OLD_RCV)))
					peer_clear_soft(
						peer, afi, safi,
						BGP_CLEAR_SOFT_IN_ORF_PREFIX);
			}
		}
		for (ALL_LIST_ELEMENTS(bgp->group, node, nnode, group)) {
			FOREACH_AFI_SAFI (afi, safi) {
				vg_filter_plists_update(
					&group->conf->filter[afi][safi], afi);
			}
		}
	}
}

static vg_plist_fn vg_plist_cb;

static void vg_plist_add_hook(struct prefix_list *plist)
{
	vg_bgpd_prefix_list_update(plist);
	if (vg_plist_cb)
		vg_plist_cb(plist, false);
}

static void vg_plist_delete_hook(struct prefix_list *plist)
{
	vg_bgpd_prefix_list_update(plist);
	if (vg_plist_cb)
		vg_plist_cb(plist, true);
}

void vg_plist_hooks_install(vg_plist_fn cb)
{
	vg_plist_cb = cb;
	prefix_list_add_hook(vg_plist_add_hook);
	prefix_list_delete_hook(vg_plist_delete_hook);
}

/* At shutdown: bgpd's behaviour stays (our copy), ours stops. */
void vg_plist_hooks_fini(void)
{
	vg_plist_cb = NULL;
}
