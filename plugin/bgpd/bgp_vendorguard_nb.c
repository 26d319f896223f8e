// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: the frr-vendorguard YANG module in bgpd's
 * northbound.
 *
 * bgpd's list of YANG modules is fixed at build time, so the module loads
 * its own (standalone, augmenting nothing) at frr_late_init and creates the
 * northbound nodes for it itself (shared/notes/frr-8.4.4-internals.md
 * §4.3). Configuration callbacks do no work per node: any applied change
 * schedules one rebuild of the compiled tables from the running
 * configuration. Whole-tree checks that YANG cannot express run in
 * pre_validate. Running-config lines are printed by cli_show callbacks, so
 * vtysh, frr.conf, JSON files and NETCONF all see the same data.
 */
#include <zebra.h>

#include "lib/northbound.h"
#include "lib/northbound_cli.h"
#include "lib/thread.h"
#include "lib/vty.h"
#include "lib/yang.h"

#include "bgpd/bgpd.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_config.h"
#include "bgp_vendorguard_compliance.h"
#include "bgp_vendorguard_store.h"

#include "../core/vg_policy.h"

/*
 * Our northbound nodes are allocated in libfrr's own "Northbound Node"
 * memory type, exactly like the nodes of FRR's modules: nb_terminate()
 * frees every node in that type, and it runs without any hook in the
 * parent process of a daemonizing bgpd (frr_config_fork()), where a node
 * of another type would trip FRR's memory accounting and abort. The type
 * is static in libfrr; it is found by name.
 */
static struct memtype *vg_mtype_nb_node;

static int vg_find_nb_mtype(void *arg, struct memgroup *mg, struct memtype *mt)
{
	if (mt && !strcmp(mg->name, "libfrr") &&
	    !strcmp(mt->name, "Northbound Node")) {
		vg_mtype_nb_node = mt;
		return 1;
	}
	return 0;
}

#ifndef VG_XP
#define VG_XP "/frr-vendorguard:vendor-guard"
#endif

static struct yang_module *vg_ymod;
static struct thread *vg_rebuild_thread;

/*
 * What the changes applied since the last rebuild can affect (VG_DIRTY_*),
 * so that revalidation revisits only those paths. Anything not recognised
 * as a vendor flag or a sensitive-set change counts as "everything".
 */
static uint8_t vg_dirty = VG_DIRTY_ALL;
static struct vg_vset vg_dirty_vendors;

static void vg_note_change(const struct lyd_node *dnode)
{
	const struct lyd_node *d;

	if (!strcmp(dnode->schema->name, "flagged") && vg_state &&
	    vg_state->cfg) {
		int id = vg_registry_by_name(
			&vg_state->cfg->reg,
			yang_dnode_get_string(dnode, "../name"));

		if (id >= 0) {
			vg_dirty |= VG_DIRTY_FLAGS;
			vg_vset_add(&vg_dirty_vendors, id);
			return;
		}
	}
	for (d = dnode; d; d = lyd_parent(d))
		if (!strcmp(d->schema->name, "sensitive-set")) {
			vg_dirty |= VG_DIRTY_SETS;
			return;
		}
	vg_dirty |= VG_DIRTY_ALL;
}

/* ------------------------------------------------------------------ */
/* Configuration: validate the candidate, rebuild after apply          */

static void vg_local_as(uint32_t *as, uint32_t *confed)
{
	struct bgp *bgp = bgp_get_default();

	*as = bgp ? bgp->as : 0;
	*confed = bgp ? bgp->confed_id : 0;
}

static int vg_pre_validate(struct nb_cb_pre_validate_args *args)
{
	struct vg_error err = {};
	struct vg_config *cfg;
	uint32_t as, confed;

	struct vg_policy *pol;

	vg_local_as(&as, &confed);
	cfg = vg_config_compile(args->dnode, as, confed, NULL, &err);
	if (!cfg) {
		snprintf(args->errmsg, args->errmsg_len, "vendor-guard: %s",
			 err.msg);
		return NB_ERR_VALIDATION;
	}
	vg_config_free(cfg);
	pol = vg_policy_compile(args->dnode, &err);
	if (!pol) {
		snprintf(args->errmsg, args->errmsg_len, "vendor-guard: %s",
			 err.msg);
		return NB_ERR_VALIDATION;
	}
	vg_policy_free(pol);
	return NB_OK;
}

static void vg_rebuild_event(struct thread *t)
{
	vg_config_rebuild();
}

static void vg_schedule_rebuild(void)
{
	thread_add_event(bm->master, vg_rebuild_event, NULL, 0,
			 &vg_rebuild_thread);
}

/* The verdict-function of the domain this router tags for (0 = none). */
static uint32_t vg_verdict_function(const struct lyd_node *top,
				    const struct vg_config *cfg)
{
	int dom = vg_own_domain(cfg);
	char xpath[XPATH_MAXLEN];

	if (dom < 0 || !top)
		return 0;
	snprintf(xpath, sizeof(xpath),
		 "./tagging-domain[global-admin='%u']/verdict-function",
		 cfg->dom.dom[dom].ga);
	return yang_dnode_exists(top, xpath)
		       ? yang_dnode_get_uint32(top, "%s", xpath)
		       : 0;
}

void vg_config_rebuild(void)
{
	const struct lyd_node *top = NULL;
	struct vg_error err = {};
	struct vg_config *cfg, *old;
	struct vg_policy *pol, *old_pol;
	uint32_t as, confed;

	if (!vg_state)
		return;
	if (vg_ymod && running_config && running_config->dnode &&
	    yang_dnode_exists(running_config->dnode, VG_XP))
		top = yang_dnode_get(running_config->dnode, VG_XP);
	vg_local_as(&as, &confed);
	old = vg_state->cfg;
	cfg = vg_config_compile(top, as, confed, old, &err);
	pol = cfg ? vg_policy_compile(top, &err) : NULL;
	if (!cfg || !pol) {
		/* Validated already; only memory can fail here. */
		zlog_err(
			"[VG-CONFIG] vendorguard: keeping the previous tables: %s",
			err.msg);
		if (cfg)
			vg_config_free(cfg);
		return;
	}
	old_pol = vg_state->pol;
	vg_state->cfg = cfg;
	vg_state->pol = pol;
	vg_state->verdict_fn = vg_verdict_function(top, cfg);
	vg_plist_policy_changed(pol);
	vg_state->gen++;
	if (as != (old ? old->local_as : 0))
		vg_dirty |= VG_DIRTY_ALL;
	/* The revalidation walk takes old_pol (to find sets' old members). */
	vg_config_changed(vg_dirty, &vg_dirty_vendors, old_pol);
	vg_dirty = 0;
	vg_vset_clear(&vg_dirty_vendors);
	if (old)
		vg_config_free(old);
}

static int vg_cb_create(struct nb_cb_create_args *args)
{
	if (args->event == NB_EV_APPLY) {
		vg_note_change(args->dnode);
		vg_schedule_rebuild();
	}
	return NB_OK;
}

static int vg_cb_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY) {
		vg_note_change(args->dnode);
		vg_schedule_rebuild();
	}
	return NB_OK;
}

static int vg_cb_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event == NB_EV_APPLY) {
		vg_note_change(args->dnode);
		vg_schedule_rebuild();
	}
	return NB_OK;
}

/* ------------------------------------------------------------------ */
/* Running configuration (see doc/cli.md for the line of each node)    */

static const char *vg_str(const struct lyd_node *dnode, const char *xpath)
{
	return yang_dnode_get_string(dnode, xpath);
}

static void vg_show_vendor(struct vty *vty, const struct lyd_node *dnode,
			   bool show_defaults)
{
	vty_out(vty, "vendor-guard vendor %s pen %s%s\n",
		vg_str(dnode, "./name"), vg_str(dnode, "./pen"),
		yang_dnode_get_bool(dnode, "./flagged") ? " flagged" : "");
}

static void vg_show_vendor_descr(struct vty *vty, const struct lyd_node *dnode,
				 bool show_defaults)
{
	vty_out(vty, "vendor-guard vendor %s description %s\n",
		vg_str(dnode, "../name"), vg_str(dnode, NULL));
}

static void vg_show_equipment(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults)
{
	vty_out(vty, "vendor-guard equipment %s vendor %s\n",
		vg_str(dnode, "./name"), vg_str(dnode, "./vendor"));
}

static void vg_show_equipment_leaf(struct vty *vty,
				   const struct lyd_node *dnode,
				   bool show_defaults)
{
	vty_out(vty, "vendor-guard equipment %s %s %s\n",
		vg_str(dnode, "../name"), dnode->schema->name,
		vg_str(dnode, NULL));
}

static void vg_show_neighbor(struct vty *vty, const struct lyd_node *dnode,
			     bool show_defaults)
{
	vty_out(vty, "vendor-guard equipment %s neighbor %s\n",
		vg_str(dnode, "./equipment"), vg_str(dnode, "./address"));
}

static void vg_show_attribution_vendor(struct vty *vty,
				       const struct lyd_node *dnode,
				       bool show_defaults)
{
	vty_out(vty, "vendor-guard as-attribution %s vendor %s\n",
		vg_str(dnode, "../asn"), vg_str(dnode, NULL));
}

static void vg_show_domain(struct vty *vty, const struct lyd_node *dnode,
			   bool show_defaults)
{
	uint32_t fv = yang_dnode_get_uint32(dnode, "./vendor-function");
	uint32_t fa = yang_dnode_get_uint32(dnode, "./attestation-function");

	vty_out(vty, "vendor-guard tagging-domain %s",
		vg_str(dnode, "./global-admin"));
	if (yang_dnode_get_bool(dnode, "./trusted"))
		vty_out(vty, " trusted");
	if (fv != 1)
		vty_out(vty, " vendor-function %u", fv);
	if (fa != 2)
		vty_out(vty, " attestation-function %u", fa);
	if (yang_dnode_exists(dnode, "./verdict-function"))
		vty_out(vty, " verdict-function %s",
			vg_str(dnode, "./verdict-function"));
	vty_out(vty, "\n");
}

static void vg_show_domain_member(struct vty *vty, const struct lyd_node *dnode,
				  bool show_defaults)
{
	vty_out(vty, "vendor-guard tagging-domain %s member-as %s\n",
		vg_str(dnode, "../global-admin"), vg_str(dnode, NULL));
}

static void vg_show_local_vendor(struct vty *vty, const struct lyd_node *dnode,
				 bool show_defaults)
{
	vty_out(vty, "vendor-guard local vendor %s\n", vg_str(dnode, NULL));
}

static void vg_show_set(struct vty *vty, const struct lyd_node *dnode,
			bool show_defaults)
{
	vty_out(vty, "vendor-guard sensitive-set %s\n",
		vg_str(dnode, "./name"));
}

static void vg_show_set_plist(struct vty *vty, const struct lyd_node *dnode,
			      bool show_defaults)
{
	vty_out(vty, "vendor-guard sensitive-set %s prefix-list %s\n",
		vg_str(dnode, "../name"), vg_str(dnode, NULL));
}

static void vg_show_set_prefix(struct vty *vty, const struct lyd_node *dnode,
			       bool show_defaults)
{
	vty_out(vty, "vendor-guard sensitive-set %s prefix %s",
		vg_str(dnode, "../name"), vg_str(dnode, "./prefix"));
	if (yang_dnode_exists(dnode, "./ge"))
		vty_out(vty, " ge %s", vg_str(dnode, "./ge"));
	if (yang_dnode_exists(dnode, "./le"))
		vty_out(vty, " le %s", vg_str(dnode, "./le"));
	vty_out(vty, "\n");
}

static void vg_show_set_action(struct vty *vty, const struct lyd_node *dnode,
			       bool show_defaults)
{
	const char *action = vg_str(dnode, NULL);

	if (!strcmp(action, "monitor"))
		return;
	vty_out(vty, "vendor-guard sensitive-set %s action %s",
		vg_str(dnode, "../name"), action);
	if (!strcmp(action, "demote") &&
	    yang_dnode_exists(dnode, "../demote-local-preference") &&
	    yang_dnode_get_uint32(dnode, "../demote-local-preference"))
		vty_out(vty, " local-preference %s",
			vg_str(dnode, "../demote-local-preference"));
	vty_out(vty, "\n");
}

static void vg_show_set_unknown(struct vty *vty, const struct lyd_node *dnode,
				bool show_defaults)
{
	if (!yang_dnode_get_bool(dnode, NULL))
		vty_out(vty,
			"no vendor-guard sensitive-set %s unknown-is-tainted\n",
			vg_str(dnode, "../name"));
}

/* ------------------------------------------------------------------ */
/* Operational state                                                    */

static struct yang_data *vg_get_counter(struct nb_cb_get_elem_args *args)
{
	const struct vg_counters *c = &vg_state->counters;
	const struct vg_store_totals *t = vg_store_totals();
	const char *leaf = strrchr(args->xpath, '/') + 1;
	uint64_t v = 0;

	if (!strcmp(leaf, "paths-evaluated"))
		v = c->paths_evaluated;
	else if (!strcmp(leaf, "clean"))
		v = t->by_verdict[VG_CLEAN];
	else if (!strcmp(leaf, "tainted"))
		v = t->by_verdict[VG_TAINTED];
	else if (!strcmp(leaf, "unknown"))
		v = t->by_verdict[VG_UNKNOWN];
	else if (!strcmp(leaf, "forged-tags-removed"))
		v = c->forged_tags_removed;
	else if (!strcmp(leaf, "revalidations"))
		v = c->revalidations;
	return yang_data_new_uint64(args->xpath, v);
}

/* The compliance list: one entry per tracked sensitive prefix. */
static const void *vg_compliance_get_next(struct nb_cb_get_next_args *args)
{
	return args->list_entry ? vg_compliance_next(args->list_entry)
				: vg_compliance_first();
}

static int vg_compliance_get_keys(struct nb_cb_get_keys_args *args)
{
	const struct vg_centry *e = args->list_entry;

	args->keys->num = 1;
	prefix2str(&e->prefix, args->keys->key[0], sizeof(args->keys->key[0]));
	return NB_OK;
}

static const void *
vg_compliance_lookup_entry(struct nb_cb_lookup_entry_args *args)
{
	struct prefix p;

	if (!str2prefix(args->keys->key[0], &p))
		return NULL;
	return vg_compliance_lookup(&p);
}

static struct yang_data *vg_compliance_leaf(struct nb_cb_get_elem_args *args)
{
	const struct vg_centry *e = args->list_entry;
	const char *leaf = strrchr(args->xpath, '/') + 1;
	char buf[PREFIX_STRLEN];

	if (!e)
		return NULL;
	if (!strcmp(leaf, "prefix"))
		return yang_data_new_string(
			args->xpath, prefix2str(&e->prefix, buf, sizeof(buf)));
	if (!strcmp(leaf, "sensitive-set"))
		return yang_data_new_string(args->xpath, e->set);
	if (!strcmp(leaf, "state"))
		return yang_data_new_string(args->xpath,
					    vg_cstate_str(e->state));
	if (!strcmp(leaf, "last-change"))
		return yang_data_new_date_and_time(args->xpath, e->since);
	if (!strcmp(leaf, "eligible-paths"))
		return yang_data_new_uint32(args->xpath, e->eligible);
	if (!strcmp(leaf, "withheld-paths"))
		return yang_data_new_uint32(args->xpath, e->withheld);
	return NULL;
}

/* best-path-vendor leaf-list: iterate vendor ids of the entry. */
static const void *vg_best_vendor_get_next(struct nb_cb_get_next_args *args)
{
	const struct vg_centry *e = args->parent_list_entry;
	int from = args->list_entry ? (int)(intptr_t)args->list_entry : 0;
	int id = vg_vset_next(&e->best_vendors, from);

	/* Entries are id + 1 so that NULL ends the list. */
	return id < 0 ? NULL : (const void *)(intptr_t)(id + 1);
}

static struct yang_data *vg_best_vendor_get(struct nb_cb_get_elem_args *args)
{
	int id = (int)(intptr_t)args->list_entry - 1;
	const char *n = vg_config_vendor_name(vg_state->cfg, id);

	return yang_data_new_string(args->xpath, n ? n : "?");
}

/* ------------------------------------------------------------------ */
/* Node table                                                           */

static const struct frr_yang_module_info vg_yang_info = {
	.name = "frr-vendorguard",
	.nodes =
		{
			{.xpath = VG_XP, .cbs.pre_validate = vg_pre_validate},
			{.xpath = VG_XP "/vendor",
			 .cbs.cli_show = vg_show_vendor},
			{.xpath = VG_XP "/vendor/description",
			 .cbs.cli_show = vg_show_vendor_descr},
			{.xpath = VG_XP "/equipment",
			 .cbs.cli_show = vg_show_equipment},
			{.xpath = VG_XP "/equipment/bgp-router-id",
			 .cbs.cli_show = vg_show_equipment_leaf},
			{.xpath = VG_XP "/equipment/ospf-router-id",
			 .cbs.cli_show = vg_show_equipment_leaf},
			{.xpath = VG_XP "/neighbor",
			 .cbs.cli_show = vg_show_neighbor},
			{.xpath = VG_XP "/as-attribution/vendor",
			 .cbs.cli_show = vg_show_attribution_vendor},
			{.xpath = VG_XP "/tagging-domain",
			 .cbs.cli_show = vg_show_domain},
			{.xpath = VG_XP "/tagging-domain/member-as",
			 .cbs.cli_show = vg_show_domain_member},
			{.xpath = VG_XP "/local/vendor",
			 .cbs.cli_show = vg_show_local_vendor},
			{.xpath = VG_XP "/sensitive-set",
			 .cbs.cli_show = vg_show_set},
			{.xpath = VG_XP "/sensitive-set/prefix-list",
			 .cbs.cli_show = vg_show_set_plist},
			{.xpath = VG_XP "/sensitive-set/prefix",
			 .cbs.cli_show = vg_show_set_prefix},
			{.xpath = VG_XP "/sensitive-set/action",
			 .cbs.cli_show = vg_show_set_action},
			{.xpath = VG_XP "/sensitive-set/unknown-is-tainted",
			 .cbs.cli_show = vg_show_set_unknown},
			{.xpath = VG_XP "/counters/paths-evaluated",
			 .cbs.get_elem = vg_get_counter},
			{.xpath = VG_XP "/counters/clean",
			 .cbs.get_elem = vg_get_counter},
			{.xpath = VG_XP "/counters/tainted",
			 .cbs.get_elem = vg_get_counter},
			{.xpath = VG_XP "/counters/unknown",
			 .cbs.get_elem = vg_get_counter},
			{.xpath = VG_XP "/counters/forged-tags-removed",
			 .cbs.get_elem = vg_get_counter},
			{.xpath = VG_XP "/counters/revalidations",
			 .cbs.get_elem = vg_get_counter},
			{.xpath = VG_XP "/compliance",
			 .cbs = {.get_next = vg_compliance_get_next,
				 .get_keys = vg_compliance_get_keys,
				 .lookup_entry = vg_compliance_lookup_entry}},
			{.xpath = VG_XP "/compliance/best-path-vendor",
			 .cbs = {.get_next = vg_best_vendor_get_next,
				 .get_elem = vg_best_vendor_get}},
			{.xpath = NULL},
		},
};

/* ------------------------------------------------------------------ */
/* Loading and unloading                                                */

/* Copy of lib/northbound.c nb_node_new_cb() (static there), FRR 8.4.4. */
static int vg_check_config_only(const struct lysc_node *snode, void *arg)
{
	bool *config_only = arg;

	if (CHECK_FLAG(snode->flags, LYS_CONFIG_R)) {
		*config_only = false;
		return YANG_ITER_STOP;
	}
	return YANG_ITER_CONTINUE;
}

static int vg_nb_node_new(const struct lysc_node *snode, void *arg)
{
	struct nb_node *nb_node;
	struct lysc_node *sparent, *sparent_list;

	if (snode->priv)
		return YANG_ITER_CONTINUE;
	nb_node = XCALLOC(vg_mtype_nb_node, sizeof(*nb_node));
	yang_snode_get_path(snode, YANG_PATH_DATA, nb_node->xpath,
			    sizeof(nb_node->xpath));
	nb_node->priority = NB_DFLT_PRIORITY;
	sparent = yang_snode_real_parent(snode);
	if (sparent)
		nb_node->parent = sparent->priv;
	sparent_list = yang_snode_parent_list(snode);
	if (sparent_list)
		nb_node->parent_list = sparent_list->priv;
	if (CHECK_FLAG(snode->nodetype, LYS_CONTAINER | LYS_LIST)) {
		bool config_only = true;

		(void)yang_snodes_iterate_subtree(
			snode, NULL, vg_check_config_only, 0, &config_only);
		if (config_only)
			SET_FLAG(nb_node->flags, F_NB_NODE_CONFIG_ONLY);
	}
	if (CHECK_FLAG(snode->nodetype, LYS_LIST) &&
	    yang_snode_num_keys(snode) == 0)
		SET_FLAG(nb_node->flags, F_NB_NODE_KEYLESS_LIST);
	nb_node->snode = snode;
	((struct lysc_node *)snode)->priv = nb_node;
	return YANG_ITER_CONTINUE;
}

/*
 * Every configuration node gets the generic create/modify/destroy its type
 * needs (nb_validate_callbacks() exits bgpd when one is missing); the
 * compliance leaves share one getter.
 */
static int vg_nb_node_default_cbs(const struct lysc_node *snode, void *arg)
{
	struct nb_node *n = snode->priv;

	if (!n)
		return YANG_ITER_CONTINUE;
	if (!n->cbs.create && nb_operation_is_valid(NB_OP_CREATE, snode))
		n->cbs.create = vg_cb_create;
	if (!n->cbs.modify && nb_operation_is_valid(NB_OP_MODIFY, snode))
		n->cbs.modify = vg_cb_modify;
	if (!n->cbs.destroy && nb_operation_is_valid(NB_OP_DESTROY, snode))
		n->cbs.destroy = vg_cb_destroy;
	if (!n->cbs.get_elem && nb_operation_is_valid(NB_OP_GET_ELEM, snode))
		n->cbs.get_elem = vg_compliance_leaf;

	return YANG_ITER_CONTINUE;
}

bool vg_nb_init(void)
{
	qmem_walk(vg_find_nb_mtype, NULL);
	if (!vg_mtype_nb_node) {
		zlog_err(
			"[VG-NB] vendorguard: libfrr has no \"Northbound Node\" memory type; not loading the YANG module");
		return false;
	}
	vg_ymod = yang_module_load("frr-vendorguard");
	yang_snodes_iterate(vg_ymod->info, vg_nb_node_new, 0, NULL);
	for (size_t i = 0; vg_yang_info.nodes[i].xpath; i++) {
		struct nb_node *n = nb_node_find(vg_yang_info.nodes[i].xpath);

		assert(n); /* the table and the model ship together */
		n->cbs = vg_yang_info.nodes[i].cbs;
	}
	yang_snodes_iterate(vg_ymod->info, vg_nb_node_default_cbs, 0, NULL);
	nb_validate_callbacks();
	return true;
}

/* The nodes themselves are freed by nb_terminate(), like FRR's own. */
void vg_nb_fini(void)
{
	THREAD_OFF(vg_rebuild_thread);
}
