// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: evaluate received paths and rewrite their tags.
 *
 * Runs right before best-path selection of a destination (from the work
 * queue wrapper in bgp_vendorguard_frr84.c). For each received IPv4/IPv6
 * unicast path whose attributes or whose configuration generation changed,
 * it hands the path's facts to the core classifier, stores the verdict, and
 * rewrites the path's large communities: forged tags (claiming a trusted
 * domain, from a neighbor outside it) are removed, and when this router is
 * in a tagging domain its own tags are added (spec §3). For prefixes in a
 * sensitive set, the set's action applies to tainted paths (spec §4):
 * demote sets the local-preference in the same rewrite; withhold makes the
 * path ineligible for best-path (see bgp_vendorguard_frr84.c) and keeps it.
 * The rewrite starts from the attributes the peer sent, which the store
 * keeps, so neither a re-evaluation nor a configuration change needs
 * soft-reconfiguration or a route refresh, and undoing is the same step.
 *
 * A configuration change revisits the destinations that hold received
 * paths, in batches, so bgpd stays responsive on a full table.
 */
#include <zebra.h>

#include "lib/linklist.h"
#include "lib/thread.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_aspath.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_lcommunity.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_store.h"

#include "../core/vg_classify.h"
#include "../core/vg_policy.h"
#include "../core/vg_tag.h"

#include "bgp_vendorguard_frr84.h"

/* A large community attribute holds at most 65535 / 12 values. */
#define VG_LCOMM_MAX (65535 / VG_LCOMM_SIZE)
#define VG_SEG_MAX 512 /* AS path segments (4096-byte attribute / 8) */

/* Scratch space for the (single-threaded) evaluation. */
static uint8_t vg_wire[(VG_LCOMM_MAX + VG_EGRESS_MAX_TAGS + 1) * VG_LCOMM_SIZE];
static uint64_t vg_marks[VG_BITMAP_WORDS(VG_LCOMM_MAX)];
static struct vg_aspath_seg vg_segs[VG_SEG_MAX];

bool vg_path_in_scope(const struct bgp *bgp, const struct bgp_path_info *pi)
{
	return pi->type == ZEBRA_ROUTE_BGP &&
	       pi->sub_type == BGP_ROUTE_NORMAL && pi->peer &&
	       pi->peer != bgp->peer_self &&
	       !CHECK_FLAG(pi->flags, BGP_PATH_REMOVED | BGP_PATH_HISTORY);
}

static bool vg_dest_in_scope(struct bgp_dest *dest)
{
	const struct bgp_table *table = bgp_dest_table(dest);

	return table && (table->afi == AFI_IP || table->afi == AFI_IP6) &&
	       table->safi == SAFI_UNICAST;
}

/* The path's facts in the core's terms; pointers into bgpd's memory. */
static void vg_path_facts(const struct bgp_path_info *pi,
			  const struct attr *attr, struct vg_path *p)
{
	const struct peer *peer = pi->peer;
	const struct lcommunity *lc = bgp_attr_get_lcommunity(attr);
	struct assegment *seg;
	size_t n = 0;

	memset(p, 0, sizeof(*p));
	if (peer->su.sa.sa_family == AF_INET) {
		p->nbr_addr.family = AF_INET;
		memcpy(p->nbr_addr.addr, &peer->su.sin.sin_addr, 4);
	} else if (peer->su.sa.sa_family == AF_INET6) {
		p->nbr_addr.family = AF_INET6;
		memcpy(p->nbr_addr.addr, &peer->su.sin6.sin6_addr, 16);
	}
	p->nbr_peer_as = peer->as;
	p->nbr_router_id = ntohl(peer->remote_id.s_addr);

	/* A longer path than VG_SEG_MAX segments cannot be parsed by bgpd. */
	for (seg = attr->aspath ? attr->aspath->segments : NULL;
	     seg && n < VG_SEG_MAX; seg = seg->next, n++) {
		vg_segs[n].type = seg->type;
		vg_segs[n].count = seg->length;
		vg_segs[n].asns = seg->as;
	}
	p->segs = vg_segs;
	p->n_segs = n;
	if (lc && lc->size > 0) {
		p->lcomm = lc->val;
		p->n_lcomm = lc->size;
	}
}

/* The domain this router tags for: the first that has our AS as member. */
int vg_own_domain(const struct vg_config *cfg)
{
	uint64_t mask;

	if (!cfg->local_as || !cfg->dom.count)
		return -1;
	mask = vg_domains_peer_mask(&cfg->dom, cfg->local_as);
	return mask ? __builtin_ctzll(mask) : -1;
}

/* Verdict tag values: 1 clean, 2 tainted, 3 unknown (0 is not used). */
static uint32_t vg_verdict_tag_value(uint8_t verdict)
{
	return verdict == VG_CLEAN ? 1 : verdict == VG_TAINTED ? 2 : 3;
}

/* Remove GA:F:* verdict tags from the first n of vg_wire; new count. */
static size_t vg_drop_verdict_tags(size_t n, uint32_t ga, uint32_t f)
{
	size_t out = 0;

	for (size_t i = 0; i < n; i++) {
		struct vg_lcomm c = vg_lcomm_get(vg_wire, i);

		if (c.ga == ga && c.l1 == f)
			continue;
		if (out != i)
			memmove(vg_wire + out * VG_LCOMM_SIZE,
				vg_wire + i * VG_LCOMM_SIZE, VG_LCOMM_SIZE);
		out++;
	}
	return out;
}

/*
 * The attributes the path should carry: orig with forged tags removed and
 * our tags added (and our verdict tag, when the domain has a function for
 * it). Returns a referenced interned attr (possibly orig itself,
 * with one more reference).
 */
static struct attr *vg_rewrite(const struct vg_config *cfg, struct attr *orig,
			       const struct vg_path *p,
			       const struct vg_verdict *v,
			       const struct vg_set_policy *demote)
{
	struct lcommunity *lc_orig = bgp_attr_get_lcommunity(orig);
	size_t n = p->n_lcomm, keep = n;
	int dom = vg_own_domain(cfg), added = 0;
	struct lcommunity *lc_new;
	struct attr tmp, *nattr;

	if (v->forged) {
		vg_tag_strip_mark(&cfg->dom, p->lcomm, n, p->nbr_peer_as,
				  VG_STRIP_FORGED, vg_marks);
		keep = vg_tag_compact(p->lcomm, n, vg_marks, vg_wire);
	} else if (n)
		memcpy(vg_wire, p->lcomm, n * VG_LCOMM_SIZE);
	if (dom >= 0 && vg_state->verdict_fn)
		keep = vg_drop_verdict_tags(keep, cfg->dom.dom[dom].ga,
					    vg_state->verdict_fn);
	if (dom >= 0)
		added = vg_egress_tags(cfg, dom, v,
				       vg_wire + keep * VG_LCOMM_SIZE);
	if (added < 0)
		added = 0;
	if (dom >= 0 && vg_state->verdict_fn)
		vg_lcomm_put(vg_wire + (keep + added++) * VG_LCOMM_SIZE,
			     cfg->dom.dom[dom].ga, vg_state->verdict_fn,
			     vg_verdict_tag_value(v->verdict));
	if (keep == n && !added && !demote)
		return bgp_attr_intern(orig);

	tmp = *orig;
	if (demote) {
		tmp.local_pref = demote->demote_lp;
		SET_FLAG(tmp.flag, ATTR_FLAG_BIT(BGP_ATTR_LOCAL_PREF));
	}
	lc_new = keep + added ? lcommunity_parse(vg_wire,
						 (keep + added) * VG_LCOMM_SIZE)
			      : NULL;
	if (lc_new && lc_orig && lcommunity_cmp(lc_new, lc_orig)) {
		/* Our tags were there already; tmp keeps lc_orig. */
		lcommunity_unintern(&lc_new);
		return bgp_attr_intern(demote ? &tmp : orig);
	}
	bgp_attr_set_lcommunity(&tmp, lc_new);
	nattr = bgp_attr_intern(&tmp);
	if (lc_new)
		lcommunity_unintern(&lc_new);
	return nattr;
}

/* Replace pi->attr as bgp_update() does, keeping aggregates balanced. */
static void vg_swap_attr(struct bgp *bgp, struct bgp_dest *dest,
			 struct bgp_path_info *pi, struct attr *nattr)
{
	const struct prefix *p = bgp_dest_get_prefix(dest);
	struct bgp_table *table = bgp_dest_table(dest);
	bool valid = CHECK_FLAG(pi->flags, BGP_PATH_VALID);

	if (valid)
		bgp_aggregate_decrement(bgp, p, pi, table->afi, table->safi);
	bgp_attr_unintern(&pi->attr);
	pi->attr = nattr;
	bgp_path_info_set_flag(dest, pi, BGP_PATH_ATTR_CHANGED);
	if (valid)
		bgp_aggregate_increment(bgp, p, pi, table->afi, table->safi);
}

static void vg_eval_path(struct bgp *bgp, struct bgp_dest *dest,
			 struct bgp_path_info *pi,
			 const struct vg_set_policy *set)
{
	const struct vg_config *cfg = vg_state->cfg;
	struct vg_entry *e = vg_store_get(pi);
	struct vg_verdict v;
	struct vg_path facts;
	struct attr *nattr;

	if (e->cur == pi->attr && e->gen == vg_state->gen) {
		/* Unchanged; but NHT or bgp_update may have set VALID again. */
		if (e->withheld)
			vg_path_set_eligible(bgp, dest, pi, false);
		return;
	}
	if (e->cur != pi->attr) {
		/* New attributes from the peer (or first sight). */
		if (e->orig)
			bgp_attr_unintern(&e->orig);
		e->orig = bgp_attr_intern(pi->attr);
	}

	vg_path_facts(pi, e->orig, &facts);
	vg_classify(cfg, &facts, &v);
	vg_state->counters.paths_evaluated++;
	if (v.forged && e->cur != pi->attr)
		vg_state->counters.forged_tags_removed += v.forged;

	e->action = vg_policy_action(set, v.verdict);
	nattr = vg_rewrite(cfg, e->orig, &facts, &v,
			   e->action == VG_ACT_DEMOTE ? set : NULL);
	if (nattr != pi->attr)
		vg_swap_attr(bgp, dest, pi, nattr);
	else
		bgp_attr_unintern(&nattr);
	if (e->action == VG_ACT_WITHHOLD || e->withheld) {
		e->withheld = e->action == VG_ACT_WITHHOLD;
		vg_path_set_eligible(bgp, dest, pi, !e->withheld);
	}

	if (e->cur != pi->attr) {
		if (e->cur)
			bgp_attr_unintern(&e->cur);
		e->cur = bgp_attr_intern(pi->attr);
	}
	vg_store_set_verdict(e, &v);
	e->gen = vg_state->gen;
}

/* FRR's prefix in the core's terms; false for other families. */
bool vg_prefix_from(const struct prefix *p, struct vg_prefix *vp)
{
	if (p->family != AF_INET && p->family != AF_INET6)
		return false;
	memset(vp, 0, sizeof(*vp));
	vp->family = p->family;
	vp->len = p->prefixlen;
	memcpy(vp->addr, &p->u.prefix, p->family == AF_INET ? 4 : 16);
	return true;
}

/*
 * The sensitive set of a prefix, or NULL: the most specific entry decides,
 * whether inline or from a referenced prefix-list.
 */
const struct vg_set_policy *vg_prefix_set(const struct prefix *p)
{
	const struct vg_set_policy *in, *pl;
	struct vg_prefix vp;
	uint8_t ilen = 0;
	int plen;

	if (!vg_prefix_from(p, &vp))
		return NULL;
	in = vg_policy_match_len(vg_state->pol, &vp, &ilen);
	pl = vg_plist_match(p, &plen);
	return vg_policy_prefer(in, in ? ilen : -1, pl, plen);
}

const struct vg_set_policy *vg_dest_set(struct bgp_dest *dest)
{
	return vg_prefix_set(bgp_dest_get_prefix(dest));
}

/* ------------------------------------------------------------------ */
/* Destinations whose selection is deferred (graceful restart)          */

/*
 * After a graceful restart bgpd defers selection and then runs it for the
 * deferred destinations directly, not through the work queue: our
 * post-selection step (compliance) would not run, and nexthop tracking
 * could have set VALID on a withheld path meanwhile. Sensitive deferred
 * destinations are therefore watched; once bgpd has cleared the deferral,
 * each is queued for best-path once more, through the wrapper.
 */
#define VG_DEFER_POLL_MS 500

struct vg_deferred {
	struct bgp *bgp;
	struct bgp_dest *dest;
};

static struct list *vg_deferred;
static struct thread *vg_deferred_t;

static void vg_deferred_poll(struct thread *t)
{
	struct listnode *node, *nnode;
	struct vg_deferred *d;

	for (ALL_LIST_ELEMENTS(vg_deferred, node, nnode, d)) {
		struct bgp_table *table = bgp_dest_table(d->dest);

		if (CHECK_FLAG(d->dest->flags, BGP_NODE_SELECT_DEFER)) {
			/* Keep withheld paths ineligible meanwhile. */
			vg_eval_dest(d->bgp, d->dest);
			continue;
		}
		bgp_process(d->bgp, d->dest, table->afi, table->safi);
		bgp_dest_unlock_node(d->dest);
		bgp_unlock(d->bgp);
		list_delete_node(vg_deferred, node);
		XFREE(MTYPE_TMP, d);
	}
	if (listcount(vg_deferred))
		thread_add_timer_msec(bm->master, vg_deferred_poll, NULL,
				      VG_DEFER_POLL_MS, &vg_deferred_t);
}

static void vg_deferred_watch(struct bgp *bgp, struct bgp_dest *dest)
{
	struct listnode *node;
	struct vg_deferred *d;

	if (!vg_deferred)
		vg_deferred = list_new();
	for (ALL_LIST_ELEMENTS_RO(vg_deferred, node, d))
		if (d->dest == dest)
			return;
	d = XCALLOC(MTYPE_TMP, sizeof(*d));
	d->bgp = bgp_lock(bgp);
	d->dest = bgp_dest_lock_node(dest);
	listnode_add(vg_deferred, d);
	if (!vg_deferred_t)
		thread_add_timer_msec(bm->master, vg_deferred_poll, NULL,
				      VG_DEFER_POLL_MS, &vg_deferred_t);
}

/* Forget the watched destinations (of one instance, or all). */
static void vg_deferred_drop(struct bgp *bgp)
{
	struct listnode *node, *nnode;
	struct vg_deferred *d;

	if (!vg_deferred)
		return;
	for (ALL_LIST_ELEMENTS(vg_deferred, node, nnode, d)) {
		if (bgp && d->bgp != bgp)
			continue;
		bgp_dest_unlock_node(d->dest);
		bgp_unlock(d->bgp);
		list_delete_node(vg_deferred, node);
		XFREE(MTYPE_TMP, d);
	}
	if (!bgp) {
		THREAD_OFF(vg_deferred_t);
		list_delete(&vg_deferred);
	}
}

void vg_eval_dest(struct bgp *bgp, struct bgp_dest *dest)
{
	const struct vg_set_policy *set;
	struct bgp_path_info *pi;

	if (!vg_state || !vg_state->cfg || !vg_dest_in_scope(dest))
		return;
	if (bgp->as != vg_state->cfg->local_as && bgp == bgp_get_default())
		vg_config_rebuild(); /* router bgp came after our config */
	set = vg_dest_set(dest);
	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next)
		if (vg_path_in_scope(bgp, pi))
			vg_eval_path(bgp, dest, pi, set);
	if (set && CHECK_FLAG(dest->flags, BGP_NODE_SELECT_DEFER))
		vg_deferred_watch(bgp, dest);
}

/* ------------------------------------------------------------------ */
/* Revalidation after a configuration change                           */

#define VG_REVAL_BATCH 2000

static struct {
	struct thread *t;
	struct bgp *bgp; /* instance being walked (locked) */
	afi_t afi;
	struct bgp_dest *next;	/* next destination (locked) */
	uint8_t dirty;		/* VG_DIRTY_* being revalidated */
	struct vg_vset vendors; /* with VG_DIRTY_FLAGS: the changed vendors */
	struct vg_policy *old_pol; /* with VG_DIRTY_SETS: the previous sets */
} vg_reval;

static void vg_reval_stop(void)
{
	THREAD_OFF(vg_reval.t);
	if (vg_reval.next)
		bgp_dest_unlock_node(vg_reval.next);
	if (vg_reval.bgp)
		bgp_unlock(vg_reval.bgp);
	vg_policy_free(vg_reval.old_pol);
	memset(&vg_reval, 0, sizeof(vg_reval));
}

/* Position the walk on the next table: IPv6 of this instance, or the next. */
static bool vg_reval_next_table(void)
{
	struct listnode *node;
	struct bgp *bgp = vg_reval.bgp;

	for (;;) {
		if (bgp && vg_reval.afi == AFI_IP) {
			vg_reval.afi = AFI_IP6;
		} else {
			node = bgp ? listnode_lookup(bm->bgp, bgp) : NULL;
			node = bgp ? (node ? listnextnode(node) : NULL)
				   : listhead(bm->bgp);
			if (vg_reval.bgp)
				bgp_unlock(vg_reval.bgp);
			vg_reval.bgp = bgp = node ? listgetdata(node) : NULL;
			if (!bgp)
				return false;
			bgp_lock(bgp);
			vg_reval.afi = AFI_IP;
		}
		if (bgp->rib[vg_reval.afi][SAFI_UNICAST]) {
			vg_reval.next = bgp_table_top(
				bgp->rib[vg_reval.afi][SAFI_UNICAST]);
			if (vg_reval.next)
				return true;
		}
	}
}

/*
 * Can the change being revalidated alter a verdict or action of this
 * destination's paths? A vendor flag only matters to paths that cross the
 * vendor; a sensitive-set change only to prefixes in the old or new sets.
 */
static bool vg_reval_wanted(struct bgp *bgp, struct bgp_dest *dest)
{
	struct bgp_path_info *pi;

	if (vg_reval.dirty & VG_DIRTY_ALL)
		return true;
	/*
	 * A prefix-list changed: what is in a sensitive set now, or was
	 * enforced under one (the list's old contents are gone).
	 */
	if (vg_reval.dirty & VG_DIRTY_PLIST) {
		if (vg_dest_set(dest))
			return true;
		for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
			const struct vg_entry *e;

			if (!vg_path_in_scope(bgp, pi))
				continue;
			e = vg_store_lookup(pi);
			if (e && (e->action != VG_ACT_MONITOR || e->withheld))
				return true;
		}
	}
	if (vg_reval.dirty & VG_DIRTY_SETS) {
		struct vg_prefix vp;

		if (vg_prefix_from(bgp_dest_get_prefix(dest), &vp) &&
		    (vg_policy_match(vg_reval.old_pol, &vp) ||
		     vg_prefix_set(bgp_dest_get_prefix(dest))))
			return true;
	}
	if (vg_reval.dirty & VG_DIRTY_FLAGS)
		for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
			const struct vg_entry *e;

			if (!vg_path_in_scope(bgp, pi))
				continue;
			e = vg_store_lookup(pi);
			if (!e || vg_vset_intersects(&e->v.vendors,
						     &vg_reval.vendors))
				return true;
		}
	return false;
}

/* The paths' verdicts still hold under the new generation. */
static void vg_reval_keep(struct bgp *bgp, struct bgp_dest *dest)
{
	struct bgp_path_info *pi;

	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
		struct vg_entry *e;

		if (!vg_path_in_scope(bgp, pi))
			continue;
		e = vg_store_lookup(pi);
		if (e && e->cur == pi->attr)
			e->gen = vg_state->gen;
	}
}

static void vg_reval_batch(struct thread *t)
{
	unsigned int n = 0, seen = 0;

	/* Bound the work per event, whether destinations are queued or not. */
	while (n < VG_REVAL_BATCH && seen < 16 * VG_REVAL_BATCH) {
		struct bgp_dest *dest = vg_reval.next;
		struct bgp_path_info *pi;

		if (!dest) {
			if (!vg_reval_next_table()) {
				vg_reval_stop();
				return;
			}
			continue;
		}
		seen++;
		for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next)
			if (vg_path_in_scope(vg_reval.bgp, pi))
				break;
		if (pi) {
			if (vg_reval_wanted(vg_reval.bgp, dest)) {
				bgp_process(vg_reval.bgp, dest, vg_reval.afi,
					    SAFI_UNICAST);
				vg_state->counters.reval_dests_processed++;
				n++;
			} else {
				vg_reval_keep(vg_reval.bgp, dest);
				vg_state->counters.reval_dests_skipped++;
			}
		}
		/* Locks the next and unlocks this one. */
		vg_reval.next = bgp_route_next(dest);
	}
	thread_add_timer_msec(bm->master, vg_reval_batch, NULL, 0, &vg_reval.t);
}

bool vg_reval_running(void)
{
	return vg_reval.t != NULL;
}

/*
 * The compiled configuration changed (every stored verdict now has an old
 * generation). Walk the destinations holding received paths in batches;
 * those the change can affect are queued for best-path, where the work
 * queue wrapper re-evaluates them; the others just take the new generation.
 * A change during a walk restarts it covering everything.
 */
void vg_config_changed(uint8_t dirty, const struct vg_vset *vendors,
		       struct vg_policy *old_pol)
{
	bool was_running = vg_reval_running();

	vg_compliance_config_changed();
	vg_reval_stop();
	if (!bm || !bm->bgp) {
		vg_policy_free(old_pol);
		return;
	}
	vg_state->counters.revalidations++;
	vg_reval.dirty = was_running ? VG_DIRTY_ALL : dirty;
	if (vendors)
		vg_reval.vendors = *vendors;
	vg_reval.old_pol = old_pol;
	if (!vg_reval.dirty)
		return;
	if (vg_reval_next_table())
		thread_add_timer_msec(bm->master, vg_reval_batch, NULL, 0,
				      &vg_reval.t);
}

void vg_eval_fini(void)
{
	vg_reval_stop();
	vg_deferred_drop(NULL);
}

/* An instance goes away: do not walk it further. */
void vg_eval_inst_delete(struct bgp *bgp)
{
	vg_deferred_drop(bgp);
	if (vg_reval.bgp == bgp)
		vg_reval_stop();
}
