// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: show commands.
 *
 * Every command here takes `json` (camelCase keys; `{}` when there is
 * nothing to show). They read the verdict store and the compiled
 * configuration; nothing is classified per show. vtysh learns these
 * commands at build time: vtysh/build.sh runs FRR's extract.pl over this
 * file, which is why it lives in a directory named bgpd/.
 */
#include <zebra.h>

#include "lib/command.h"
#include "lib/json.h"
#include "lib/prefix.h"
#include "lib/vty.h"

#include "bgpd/bgpd.h"
#include "bgpd/bgp_aspath.h"
#include "bgpd/bgp_attr.h"
#include "bgpd/bgp_route.h"
#include "bgpd/bgp_table.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_compliance.h"
#include "bgp_vendorguard_store.h"

#include "../core/vg_classify.h"
#include "../core/vg_config.h"

#ifndef VTYSH_EXTRACT_PL
#include "plugin/bgpd/bgp_vendorguard_vty_clippy.c"
#endif

#define VG_SHOW_STR "Vendor-aware path policy (vendorguard)\n"

/* Reason flags as an engineer reads them; order is display order. */
static const struct {
	uint16_t flag;
	const char *key;
} vg_reason_names[] = {
	{VG_R_BY_NBR_ADDR, "neighborAddress"},
	{VG_R_BY_ROUTER_ID, "routerId"},
	{VG_R_TRUSTED_TAG, "trustedTag"},
	{VG_R_ATTESTED, "attestation"},
	{VG_R_AS_ATTRIB, "asAttribution"},
	{VG_R_LOCAL, "local"},
	{VG_R_NBR_UNKNOWN, "neighborNotInInventory"},
	{VG_R_AS_UNCOVERED, "asNotCovered"},
	{VG_R_ASSET_UNKNOWN, "asSetHidesUnknownAs"},
	{VG_R_UNKNOWN_VENDOR, "unknownVendorTag"},
	{VG_R_FORGED, "forgedTagsRemoved"},
};

static const char *vg_vendor_name(unsigned int id)
{
	const char *name = vg_config_vendor_name(vg_state->cfg, id);

	return name ? name : "(removed)";
}

static json_object *vg_vset_json(const struct vg_vset *set)
{
	json_object *arr = json_object_new_array();
	int id;

	vg_vset_foreach(set, id) json_object_array_add(
		arr, json_object_new_string(vg_vendor_name(id)));
	return arr;
}

static void vg_vset_text(struct vty *vty, const struct vg_vset *set)
{
	const char *sep = "";
	int id;

	vg_vset_foreach(set, id)
	{
		vty_out(vty, "%s%s", sep, vg_vendor_name(id));
		sep = ",";
	}
	if (!*sep)
		vty_out(vty, "-");
}

/* ------------------------------------------------------------------ */
/* show bgp vendor-guard                                                */

DEFPY(show_bgp_vendor_guard, show_bgp_vendor_guard_cmd,
      "show bgp vendor-guard [json$uj]", SHOW_STR BGP_STR VG_SHOW_STR JSON_STR)
{
	const struct vg_counters *c = &vg_state->counters;
	const struct vg_store_totals *t = vg_store_totals();
	const struct vg_registry *reg = &vg_state->cfg->reg;
	int id;

	if (uj) {
		json_object *json = json_object_new_object();
		json_object *jc = json_object_new_object();
		json_object *jp = json_object_new_object();
		json_object *jv = json_object_new_object();

		json_object_string_add(json, "version", vg_version);
		json_object_string_add(json, "frrVersion", vg_frr_version);
		json_object_int_add(json, "uptimeSeconds",
				    time(NULL) - vg_state->loaded_at);
		json_object_int_add(jp, "total", vg_store_count());
		json_object_int_add(jp, "clean", t->by_verdict[VG_CLEAN]);
		json_object_int_add(jp, "tainted", t->by_verdict[VG_TAINTED]);
		json_object_int_add(jp, "unknown", t->by_verdict[VG_UNKNOWN]);
		json_object_object_add(json, "paths", jp);
		vg_vset_foreach(&reg->present, id)
		{
			const struct vg_vendor *v = vg_registry_get(reg, id);
			json_object *o = json_object_new_object();

			json_object_int_add(o, "pen", v->pen);
			json_object_boolean_add(o, "flagged", v->flagged);
			json_object_int_add(o, "paths", t->by_vendor[id]);
			json_object_object_add(jv, v->name, o);
		}
		json_object_object_add(json, "vendors", jv);
		json_object_int_add(jc, "pathsAdded", c->paths_added);
		json_object_int_add(jc, "pathsReaped", c->paths_reaped);
		json_object_int_add(jc, "processEvents", c->process_events);
		json_object_int_add(jc, "withdrawEvents", c->withdraw_events);
		json_object_int_add(jc, "pathsEvaluated", c->paths_evaluated);
		json_object_int_add(jc, "forgedTagsRemoved",
				    c->forged_tags_removed);
		json_object_int_add(jc, "revalidations", c->revalidations);
		json_object_int_add(jc, "revalidationDestsProcessed",
				    c->reval_dests_processed);
		json_object_int_add(jc, "revalidationDestsSkipped",
				    c->reval_dests_skipped);
		json_object_int_add(jc, "complianceTransitions",
				    c->compliance_transitions);
		json_object_boolean_add(json, "revalidationRunning",
					vg_reval_running());
		json_object_object_add(json, "counters", jc);
		return vty_json(vty, json);
	}

	vty_out(vty, "vendorguard %s (built for FRR %s), up %llds\n",
		vg_version, vg_frr_version,
		(long long)(time(NULL) - vg_state->loaded_at));
	vty_out(vty,
		"Paths: %zu (clean %" PRIu64 ", tainted %" PRIu64
		", unknown %" PRIu64 ")\n",
		vg_store_count(), t->by_verdict[VG_CLEAN],
		t->by_verdict[VG_TAINTED], t->by_verdict[VG_UNKNOWN]);
	if (reg->count) {
		vty_out(vty, "\n%-20s %10s %-8s %10s\n", "Vendor", "PEN",
			"Flagged", "Paths");
		vg_vset_foreach(&reg->present, id)
		{
			const struct vg_vendor *v = vg_registry_get(reg, id);

			vty_out(vty, "%-20s %10u %-8s %10" PRIu64 "\n", v->name,
				v->pen, v->flagged ? "yes" : "no",
				t->by_vendor[id]);
		}
	}
	vty_out(vty, "\nForged tags removed: %" PRIu64 "\n",
		c->forged_tags_removed);
	vty_out(vty,
		"Paths evaluated: %" PRIu64 ", revalidations: %" PRIu64 "\n",
		c->paths_evaluated, c->revalidations);
	return CMD_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* show bgp vendor-guard prefix PREFIX                                  */

static json_object *vg_path_json(struct bgp_path_info *pi,
				 const struct vg_entry *e)
{
	json_object *o = json_object_new_object();
	json_object *reasons = json_object_new_array();
	const struct vg_verdict *v = &e->v;

	json_object_string_add(o, "peer", pi->peer->host);
	json_object_int_add(o, "peerAs", pi->peer->as);
	json_object_string_addf(o, "peerRouterId", "%pI4",
				&pi->peer->remote_id);
	json_object_string_add(o, "asPath",
			       e->orig && e->orig->aspath
				       ? aspath_print(e->orig->aspath)
				       : "");
	json_object_boolean_add(o, "bestpath",
				CHECK_FLAG(pi->flags, BGP_PATH_SELECTED));
	json_object_string_add(o, "verdict", vg_verdict_str(v->verdict));
	json_object_object_add(o, "vendors", vg_vset_json(&v->vendors));
	if (v->entry_vendor != VG_VENDOR_NONE)
		json_object_string_add(o, "entryVendor",
				       vg_vendor_name(v->entry_vendor));
	for (size_t i = 0; i < array_size(vg_reason_names); i++)
		if (v->reasons & vg_reason_names[i].flag)
			json_object_array_add(
				reasons,
				json_object_new_string(vg_reason_names[i].key));
	json_object_object_add(o, "reasons", reasons);
	if (v->reasons & VG_R_AS_UNCOVERED)
		json_object_int_add(o, "firstUncoveredAs",
				    v->first_uncovered_as);
	if (v->reasons & VG_R_UNKNOWN_VENDOR)
		json_object_int_add(o, "firstUnknownPen", v->first_unknown_pen);
	json_object_int_add(o, "forgedTags", v->forged);
	json_object_boolean_add(o, "current", e->gen == vg_state->gen);
	return o;
}

static void vg_path_text(struct vty *vty, struct bgp_path_info *pi,
			 const struct vg_entry *e)
{
	const struct vg_verdict *v = &e->v;
	const char *sep = "";

	vty_out(vty, "  from %s (AS%u)%s\n", pi->peer->host, pi->peer->as,
		CHECK_FLAG(pi->flags, BGP_PATH_SELECTED) ? ", best" : "");
	vty_out(vty, "    AS path: %s\n",
		e->orig && e->orig->aspath ? aspath_print(e->orig->aspath)
					   : "");
	vty_out(vty, "    Verdict: %s, vendors: ", vg_verdict_str(v->verdict));
	vg_vset_text(vty, &v->vendors);
	vty_out(vty, "\n    Reasons: ");
	for (size_t i = 0; i < array_size(vg_reason_names); i++)
		if (v->reasons & vg_reason_names[i].flag) {
			vty_out(vty, "%s%s", sep, vg_reason_names[i].key);
			sep = ", ";
		}
	if (v->reasons & VG_R_AS_UNCOVERED)
		vty_out(vty, " (AS%u)", v->first_uncovered_as);
	vty_out(vty, "\n");
	if (v->forged)
		vty_out(vty, "    Forged tags removed: %u\n", v->forged);
}

DEFPY(show_bgp_vendor_guard_prefix, show_bgp_vendor_guard_prefix_cmd,
      "show bgp vendor-guard prefix <A.B.C.D/M|X:X::X:X/M>$prefix [json$uj]",
      SHOW_STR BGP_STR VG_SHOW_STR
      "The verdict of each path of one prefix\n"
      "IPv4 prefix\n"
      "IPv6 prefix\n" JSON_STR)
{
	struct bgp *bgp = bgp_get_default();
	afi_t afi = prefix->family == AF_INET ? AFI_IP : AFI_IP6;
	struct bgp_dest *dest = NULL;
	struct bgp_path_info *pi;
	json_object *json = NULL, *paths = NULL;

	if (bgp && bgp->rib[afi][SAFI_UNICAST])
		dest = bgp_node_lookup(bgp->rib[afi][SAFI_UNICAST], prefix);
	if (uj)
		json = json_object_new_object();
	if (!dest) {
		if (uj)
			return vty_json(vty, json);
		vty_out(vty, "%% Network not in table\n");
		return CMD_WARNING;
	}
	if (uj) {
		json_object_string_addf(json, "prefix", "%pFX", prefix);
		paths = json_object_new_array();
	} else
		vty_out(vty, "%pFX\n", prefix);

	for (pi = bgp_dest_get_bgp_path_info(dest); pi; pi = pi->next) {
		const struct vg_entry *e;

		if (!vg_path_in_scope(bgp, pi))
			continue;
		e = vg_store_lookup(pi);
		if (!e)
			continue; /* not yet through selection */
		if (uj)
			json_object_array_add(paths, vg_path_json(pi, e));
		else
			vg_path_text(vty, pi, e);
	}
	bgp_dest_unlock_node(dest);
	if (uj) {
		json_object_object_add(json, "paths", paths);
		return vty_json(vty, json);
	}
	return CMD_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* show bgp vendor-guard inventory                                      */

static void vg_addr_fmt(const struct vg_addr *a, char *buf, size_t len)
{
	inet_ntop(a->family, a->addr, buf, len);
}

static void vg_rid_fmt(uint32_t rid, char *buf, size_t len)
{
	struct in_addr a = {.s_addr = htonl(rid)};

	inet_ntop(AF_INET, &a, buf, len);
}

DEFPY(show_bgp_vendor_guard_inventory, show_bgp_vendor_guard_inventory_cmd,
      "show bgp vendor-guard inventory [json$uj]",
      SHOW_STR BGP_STR VG_SHOW_STR
      "Vendors, equipment, AS attributions and tagging domains in use\n" JSON_STR)
{
	const struct vg_config *cfg = vg_state->cfg;
	const struct vg_registry *reg = &cfg->reg;
	const struct vg_inventory *inv = &cfg->inv;
	json_object *json = NULL, *jv = NULL, *je = NULL, *ja = NULL,
		    *jd = NULL;
	char buf[INET6_ADDRSTRLEN];
	int id;

	if (uj) {
		json = json_object_new_object();
		jv = json_object_new_object();
		je = json_object_new_object();
		ja = json_object_new_object();
		jd = json_object_new_object();
	}

	if (!uj && reg->count)
		vty_out(vty, "Vendors:\n");
	vg_vset_foreach(&reg->present, id)
	{
		const struct vg_vendor *v = vg_registry_get(reg, id);

		if (uj) {
			json_object *o = json_object_new_object();

			json_object_int_add(o, "pen", v->pen);
			json_object_boolean_add(o, "flagged", v->flagged);
			json_object_object_add(jv, v->name, o);
		} else
			vty_out(vty, "  %-20s PEN %-10u%s\n", v->name, v->pen,
				v->flagged ? " flagged" : "");
	}

	if (!uj && inv->n_equip)
		vty_out(vty, "Equipment:\n");
	for (uint32_t i = 0; i < inv->n_equip; i++) {
		const struct vg_equipment *eq = &inv->equip[i];
		const char *name = inv->names + eq->name_off;
		json_object *o = NULL, *addrs = NULL;

		if (uj) {
			o = json_object_new_object();
			addrs = json_object_new_array();
			json_object_string_add(o, "vendor",
					       vg_vendor_name(eq->vendor));
		} else
			vty_out(vty, "  %-20s vendor %s", name,
				vg_vendor_name(eq->vendor));
		for (uint32_t k = 0; k < eq->nbr_count; k++) {
			vg_addr_fmt(&inv->nbrs[eq->nbr_first + k], buf,
				    sizeof(buf));
			if (uj)
				json_object_array_add(
					addrs, json_object_new_string(buf));
			else
				vty_out(vty, " neighbor %s", buf);
		}
		if (eq->bgp_rid) {
			vg_rid_fmt(eq->bgp_rid, buf, sizeof(buf));
			if (uj)
				json_object_string_add(o, "bgpRouterId", buf);
			else
				vty_out(vty, " bgp-router-id %s", buf);
		}
		if (eq->ospf_rid) {
			vg_rid_fmt(eq->ospf_rid, buf, sizeof(buf));
			if (uj)
				json_object_string_add(o, "ospfRouterId", buf);
			else
				vty_out(vty, " ospf-router-id %s", buf);
		}
		if (uj) {
			json_object_object_add(o, "neighborAddresses", addrs);
			json_object_object_add(je, name, o);
		} else
			vty_out(vty, "\n");
	}

	if (!uj && inv->n_as)
		vty_out(vty, "AS attributions:\n");
	for (uint32_t s = 0; inv->as_tab && s < (1u << inv->as_bits); s++) {
		const struct vg_inv_u32_slot *slot = &inv->as_tab[s];

		if (slot->idx == VG_NONE)
			continue;
		if (uj) {
			snprintf(buf, sizeof(buf), "%u", slot->key);
			json_object_object_add(
				ja, buf,
				vg_vset_json(&inv->as_vsets[slot->idx]));
		} else {
			vty_out(vty, "  AS%-10u ", slot->key);
			vg_vset_text(vty, &inv->as_vsets[slot->idx]);
			vty_out(vty, "\n");
		}
	}

	if (!uj && cfg->dom.count)
		vty_out(vty, "Tagging domains:\n");
	for (unsigned int d = 0; d < cfg->dom.count; d++) {
		const struct vg_domain *dom = &cfg->dom.dom[d];

		if (uj) {
			json_object *o = json_object_new_object();
			json_object *m = json_object_new_array();

			json_object_boolean_add(o, "trusted", dom->trusted);
			json_object_int_add(o, "vendorFunction", dom->f_vendor);
			json_object_int_add(o, "attestationFunction",
					    dom->f_attest);
			for (uint32_t k = 0; k < dom->n_members; k++)
				json_object_array_add(
					m,
					json_object_new_int64(dom->members[k]));
			json_object_object_add(o, "memberAs", m);
			snprintf(buf, sizeof(buf), "%u", dom->ga);
			json_object_object_add(jd, buf, o);
		} else
			vty_out(vty,
				"  %-10u %s, vendor tags %u:%u:PEN, attestations %u:%u:ASN\n",
				dom->ga, dom->trusted ? "trusted" : "untrusted",
				dom->ga, dom->f_vendor, dom->ga, dom->f_attest);
	}

	if (uj) {
		if (reg->count)
			json_object_object_add(json, "vendors", jv);
		else
			json_object_put(jv);
		if (inv->n_equip)
			json_object_object_add(json, "equipment", je);
		else
			json_object_put(je);
		if (inv->n_as)
			json_object_object_add(json, "asAttributions", ja);
		else
			json_object_put(ja);
		if (cfg->dom.count)
			json_object_object_add(json, "taggingDomains", jd);
		else
			json_object_put(jd);
		if (cfg->own_vendor != VG_VENDOR_NONE)
			json_object_string_add(json, "localVendor",
					       vg_vendor_name(cfg->own_vendor));
		return vty_json(vty, json);
	}
	if (cfg->own_vendor != VG_VENDOR_NONE)
		vty_out(vty, "This router: vendor %s\n",
			vg_vendor_name(cfg->own_vendor));
	return CMD_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* show bgp vendor-guard compliance [PREFIX]                            */

DEFPY(show_bgp_vendor_guard_compliance, show_bgp_vendor_guard_compliance_cmd,
      "show bgp vendor-guard compliance [<A.B.C.D/M|X:X::X:X/M>$prefix] [json$uj]",
      SHOW_STR BGP_STR VG_SHOW_STR
      "State of each sensitive prefix (compliant, degraded, withheld, absent)\n"
      "IPv4 prefix\n"
      "IPv6 prefix\n" JSON_STR)
{
	vg_compliance_show(vty, prefix_str ? prefix : NULL, !!uj);
	return CMD_SUCCESS;
}

void vg_vty_init(void)
{
	install_element(VIEW_NODE, &show_bgp_vendor_guard_compliance_cmd);
	install_element(VIEW_NODE, &show_bgp_vendor_guard_cmd);
	install_element(VIEW_NODE, &show_bgp_vendor_guard_prefix_cmd);
	install_element(VIEW_NODE, &show_bgp_vendor_guard_inventory_cmd);
}
