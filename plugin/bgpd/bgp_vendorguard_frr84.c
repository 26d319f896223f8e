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
 */
#include <zebra.h>

#include "lib/linklist.h"
#include "lib/workqueue.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"

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
		/* bgpd's own: selection, then unlock of dest and table. */
		(void)vg_orig_workfunc(wq, &one);
	}
	return WQ_SUCCESS;
}

void vg_wq_init(vg_dest_fn cb)
{
	vg_dest_cb = cb;
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
		zlog_warn("[VG-WQ-FOREIGN] vendorguard: %s: unknown best-path work function, not evaluating its paths",
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
