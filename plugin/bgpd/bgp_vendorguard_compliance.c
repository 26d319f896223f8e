// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: compliance of sensitive prefixes (spec §5).
 *
 * Right after bgpd selects a best path for a destination of a sensitive set
 * (default instance, IPv4/IPv6 unicast), the destination's state is
 * recomputed from the verdict store:
 *   compliant - the best path is clean;
 *   degraded  - the best path is tainted or unknown (demote or monitor);
 *   withheld  - paths were received but none is eligible;
 *   absent    - no path was received.
 * Each prefix records its state, when it last changed, the vendor set of
 * its best path and its eligible and withheld path counts. Every transition
 * is logged once with a stable message ID ([VG-COMPLIANCE-<STATE>]) and
 * counted. Exact inline prefixes of the sets are listed (absent) before any
 * path arrives. Show commands and the YANG compliance list read this table.
 */
#include <zebra.h>

#include "lib/command.h"
#include "lib/json.h"
#include "lib/monotime.h"
#include "lib/northbound.h"
#include "lib/prefix.h"
#include "lib/typesafe.h"
#include "lib/vty.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_compliance.h"
#include "bgp_vendorguard_store.h"

#include "../core/vg_policy.h"

DEFINE_MTYPE_STATIC(VENDORGUARD, VG_COMPLIANCE, "vendorguard compliance entry");

static const char *const vg_state_names[] = {
	[VG_CS_ABSENT] = "absent",
	[VG_CS_COMPLIANT] = "compliant",
	[VG_CS_DEGRADED] = "degraded",
	[VG_CS_WITHHELD] = "withheld",
};

const char *vg_cstate_str(uint8_t state)
{
	return state < array_size(vg_state_names) ? vg_state_names[state] : "?";
}

static int vg_centry_cmp(const struct vg_centry *a, const struct vg_centry *b)
{
	return prefix_cmp(&a->prefix, &b->prefix);
}

static uint32_t vg_centry_hash(const struct vg_centry *e)
{
	return prefix_hash_key(&e->prefix);
}

DECLARE_HASH(vg_chash, struct vg_centry, item, vg_centry_cmp, vg_centry_hash);

static struct vg_chash_head vg_ctab;
static bool vg_ctab_ready;

void vg_compliance_init(void)
{
	vg_chash_init(&vg_ctab);
	vg_ctab_ready = true;
}

/*
 * Delete the entries for which keep() is false (all with keep == NULL).
 * Entries are collected first: deleting while iterating can shrink and
 * rehash the table under the iterator, and _pop() is quadratic.
 */
static void vg_compliance_drop(bool (*keep)(const struct vg_centry *e))
{
	struct vg_centry *e, **all;
	size_t n = 0;

	all = XMALLOC(MTYPE_TMP, (vg_chash_count(&vg_ctab) + 1) * sizeof(*all));
	frr_each (vg_chash, &vg_ctab, e)
		if (!keep || !keep(e))
			all[n++] = e;
	for (size_t i = 0; i < n; i++) {
		vg_chash_del(&vg_ctab, all[i]);
		XFREE(MTYPE_VG_COMPLIANCE, all[i]);
	}
	XFREE(MTYPE_TMP, all);
}

static bool vg_centry_still_sensitive(const struct vg_centry *e)
{
	return vg_prefix_set(&e->prefix) != NULL;
}

void vg_compliance_fini(void)
{
	if (!vg_ctab_ready)
		return;
	vg_compliance_drop(NULL);
	vg_chash_fini(&vg_ctab);
	vg_ctab_ready = false;
}

static struct vg_centry *vg_centry_find(const struct prefix *p)
{
	struct vg_centry key = {};

	prefix_copy(&key.prefix, p);
	return vg_chash_find(&vg_ctab, &key);
}

static struct vg_centry *vg_centry_get(const struct prefix *p)
{
	struct vg_centry *e = vg_centry_find(p);

	if (e)
		return e;
	e = XCALLOC(MTYPE_VG_COMPLIANCE, sizeof(*e));
	prefix_copy(&e->prefix, p);
	e->state = VG_CS_ABSENT;
	e->since = monotime(NULL);
	vg_chash_add(&vg_ctab, e);
	return e;
}

static void vg_vendors_str(const struct vg_vset *set, char *buf, size_t len)
{
	size_t off = 0;
	int id;

	buf[0] = '\0';
	vg_vset_foreach(set, id)
	{
		const char *n = vg_config_vendor_name(vg_state->cfg, id);

		off += snprintf(buf + off, off < len ? len - off : 0, "%s%s",
				off ? "," : "", n ? n : "?");
	}
	if (!buf[0])
		snprintf(buf, len, "none");
}

static void vg_centry_set_state(struct vg_centry *e, uint8_t state)
{
	char vendors[256];

	if (e->state == state)
		return;
	vg_vendors_str(&e->best_vendors, vendors, sizeof(vendors));
	switch (state) {
	case VG_CS_COMPLIANT:
		zlog_notice(
			"[VG-COMPLIANCE-COMPLIANT] vendorguard: %pFX (sensitive-set %s) is compliant: best path is clean (vendors %s); was %s",
			&e->prefix, e->set, vendors, vg_cstate_str(e->state));
		break;
	case VG_CS_DEGRADED:
		zlog_warn(
			"[VG-COMPLIANCE-DEGRADED] vendorguard: %pFX (sensitive-set %s) is degraded: best path crosses vendors %s and no clean path exists; was %s",
			&e->prefix, e->set, vendors, vg_cstate_str(e->state));
		break;
	case VG_CS_WITHHELD:
		zlog_warn(
			"[VG-COMPLIANCE-WITHHELD] vendorguard: %pFX (sensitive-set %s) is WITHHELD: %u path(s) received, none eligible; this router does not forward or advertise it; was %s",
			&e->prefix, e->set, e->withheld,
			vg_cstate_str(e->state));
		break;
	default:
		zlog_notice(
			"[VG-COMPLIANCE-ABSENT] vendorguard: %pFX (sensitive-set %s) is absent: no path received; was %s",
			&e->prefix, e->set, vg_cstate_str(e->state));
		break;
	}
	e->state = state;
	e->since = monotime(NULL);
	e->transitions++;
	vg_state->counters.compliance_transitions++;
}

/* After best-path: recompute the state of a sensitive destination. */
void vg_compliance_update(struct bgp *bgp, struct bgp_dest *dest)
{
	const struct prefix *p = bgp_dest_get_prefix(dest);
	const struct vg_set_policy *set;
	struct bgp_path_info *pi, *best = NULL;
	struct vg_centry *e;
	uint32_t received = 0, withheld = 0;
	uint8_t state;

	if (!vg_state || !vg_ctab_ready || bgp != bgp_get_default())
		return;
	if (p->family != AF_INET && p->family != AF_INET6)
		return;
	{
		struct bgp_table *table = bgp_dest_table(dest);

		if (!table || table->safi != SAFI_UNICAST)
			return;
	}
	set = vg_dest_set(dest);
	if (!set) {
		e = vg_centry_find(p);
		if (e) { /* no longer sensitive */
			vg_chash_del(&vg_ctab, e);
			XFREE(MTYPE_VG_COMPLIANCE, e);
		}
		return;
	}
	e = vg_centry_get(p);
	strlcpy(e->set, set->name, sizeof(e->set));

	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
		const struct vg_entry *ve;

		if (CHECK_FLAG(pi->flags, BGP_PATH_SELECTED))
			best = pi;
		if (!vg_path_in_scope(bgp, pi))
			continue;
		received++;
		ve = vg_store_lookup(pi);
		if (ve && ve->withheld)
			withheld++;
	}
	e->eligible = received - withheld;
	e->withheld = withheld;
	vg_vset_clear(&e->best_vendors);

	if (best) {
		const struct vg_entry *ve = vg_store_lookup(best);

		/* A path this router originates crosses no other gear. */
		if (!vg_path_in_scope(bgp, best))
			state = VG_CS_COMPLIANT;
		else if (ve) {
			e->best_vendors = ve->v.vendors;
			state = ve->v.verdict == VG_CLEAN ? VG_CS_COMPLIANT
							  : VG_CS_DEGRADED;
		} else
			state = VG_CS_DEGRADED;
	} else
		state = received ? VG_CS_WITHHELD : VG_CS_ABSENT;
	vg_centry_set_state(e, state);
}

/*
 * The sets changed: list every exact inline prefix (absent until paths
 * arrive) and forget prefixes no longer in any set. Destinations with paths
 * are re-evaluated by the revalidation walk, which updates their state.
 */
void vg_compliance_config_changed(void)
{
	const struct lyd_node *top, *set, *c;
	struct vg_centry *e;

	if (!vg_ctab_ready)
		return;
	vg_compliance_drop(vg_centry_still_sensitive);
	if (!running_config || !running_config->dnode ||
	    !yang_dnode_exists(running_config->dnode, VG_XP))
		return;
	top = yang_dnode_get(running_config->dnode, VG_XP);
	LY_LIST_FOR (lyd_child(top), set) {
		if (strcmp(set->schema->name, "sensitive-set"))
			continue;
		LY_LIST_FOR (lyd_child(set), c) {
			struct prefix p;
			const struct vg_set_policy *owner;

			if (strcmp(c->schema->name, "prefix") ||
			    yang_dnode_exists(c, "./ge") ||
			    yang_dnode_exists(c, "./le") ||
			    !str2prefix(yang_dnode_get_string(c, "./prefix"),
					&p))
				continue;
			apply_mask(&p);
			owner = vg_prefix_set(&p);
			if (!owner)
				continue;
			e = vg_centry_get(&p);
			strlcpy(e->set, owner->name, sizeof(e->set));
		}
	}
}

/* ------------------------------------------------------------------ */
/* Reading the table                                                    */

size_t vg_compliance_count(void)
{
	return vg_ctab_ready ? vg_chash_count(&vg_ctab) : 0;
}

const struct vg_centry *vg_compliance_first(void)
{
	return vg_ctab_ready ? vg_chash_first(&vg_ctab) : NULL;
}

const struct vg_centry *vg_compliance_next(const struct vg_centry *e)
{
	return vg_chash_next(&vg_ctab, (struct vg_centry *)e);
}

const struct vg_centry *vg_compliance_lookup(const struct prefix *p)
{
	return vg_ctab_ready ? vg_centry_find(p) : NULL;
}

static json_object *vg_centry_json(const struct vg_centry *e)
{
	json_object *o = json_object_new_object();
	json_object *v = json_object_new_array();
	int id;

	json_object_string_add(o, "sensitiveSet", e->set);
	json_object_string_add(o, "state", vg_cstate_str(e->state));
	json_object_int_add(o, "secondsSinceChange", monotime(NULL) - e->since);
	vg_vset_foreach(&e->best_vendors, id)
	{
		const char *n = vg_config_vendor_name(vg_state->cfg, id);

		json_object_array_add(v, json_object_new_string(n ? n : "?"));
	}
	json_object_object_add(o, "bestPathVendors", v);
	json_object_int_add(o, "eligiblePaths", e->eligible);
	json_object_int_add(o, "withheldPaths", e->withheld);
	json_object_int_add(o, "transitions", e->transitions);
	return o;
}

static void vg_centry_text(struct vty *vty, const struct vg_centry *e)
{
	char vendors[256];

	vg_vendors_str(&e->best_vendors, vendors, sizeof(vendors));
	vty_out(vty, "%-24pFX %-12s %-10s %8lds %8u %8u  %s\n", &e->prefix,
		e->set, vg_cstate_str(e->state),
		(long)(monotime(NULL) - e->since), e->eligible, e->withheld,
		e->state == VG_CS_ABSENT || e->state == VG_CS_WITHHELD
			? "-"
			: vendors);
}

void vg_compliance_show(struct vty *vty, const struct prefix *p, bool uj)
{
	json_object *json = uj ? json_object_new_object() : NULL;
	const struct vg_centry *e;
	char buf[PREFIX_STRLEN];

	if (p) {
		e = vg_compliance_lookup(p);
		if (uj) {
			if (e) {
				json_object_string_addf(json, "prefix", "%pFX",
							&e->prefix);
				json_object_object_add(json, "compliance",
						       vg_centry_json(e));
			}
			vty_json(vty, json);
			return;
		}
		if (!e) {
			vty_out(vty,
				"%% %pFX is not a tracked sensitive prefix\n",
				p);
			return;
		}
		vty_out(vty, "%pFX: %s (sensitive-set %s)\n", &e->prefix,
			vg_cstate_str(e->state), e->set);
		if (e->state == VG_CS_WITHHELD)
			vty_out(vty,
				"  This router has WITHHELD this prefix: %u path(s) received, none eligible.\n",
				e->withheld);
		vty_out(vty, "  Since %lds, %u transition(s)\n",
			(long)(monotime(NULL) - e->since), e->transitions);
		vg_vendors_str(&e->best_vendors, buf, sizeof(buf));
		vty_out(vty, "  Best path vendors: %s\n",
			e->state == VG_CS_ABSENT || e->state == VG_CS_WITHHELD
				? "-"
				: buf);
		vty_out(vty, "  Eligible paths: %u, withheld paths: %u\n",
			e->eligible, e->withheld);
		return;
	}

	if (!uj && vg_compliance_count())
		vty_out(vty, "%-24s %-12s %-10s %9s %8s %8s  %s\n", "Prefix",
			"Set", "State", "Since", "Eligible", "Withheld",
			"Best path vendors");
	for (e = vg_compliance_first(); e; e = vg_compliance_next(e)) {
		if (uj) {
			prefix2str(&e->prefix, buf, sizeof(buf));
			json_object_object_add(json, buf, vg_centry_json(e));
		} else
			vg_centry_text(vty, e);
	}
	if (uj)
		vty_json(vty, json);
}
