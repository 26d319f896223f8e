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
#include "bgp_vendorguard_store.h"

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

#define VG_XP "/frr-vendorguard:vendor-guard"

static struct yang_module *vg_ymod;
static struct thread *vg_rebuild_thread;

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

	vg_local_as(&as, &confed);
	cfg = vg_config_compile(args->dnode, as, confed, NULL, &err);
	if (!cfg) {
		snprintf(args->errmsg, args->errmsg_len, "vendor-guard: %s",
			 err.msg);
		return NB_ERR_VALIDATION;
	}
	vg_config_free(cfg);
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

void vg_config_rebuild(void)
{
	const struct lyd_node *top = NULL;
	struct vg_error err = {};
	struct vg_config *cfg, *old;
	uint32_t as, confed;

	if (!vg_state)
		return;
	if (vg_ymod && running_config && running_config->dnode &&
	    yang_dnode_exists(running_config->dnode, VG_XP))
		top = yang_dnode_get(running_config->dnode, VG_XP);
	vg_local_as(&as, &confed);
	old = vg_state->cfg;
	cfg = vg_config_compile(top, as, confed, old, &err);
	if (!cfg) {
		/* Validated already; only memory can fail here. */
		zlog_err("[VG-CONFIG] vendorguard: keeping the previous tables: %s",
			 err.msg);
		return;
	}
	vg_state->cfg = cfg;
	vg_state->gen++;
	vg_config_changed(old, cfg);
	if (old)
		vg_config_free(old);
}

static int vg_cb_create(struct nb_cb_create_args *args)
{
	if (args->event == NB_EV_APPLY)
		vg_schedule_rebuild();
	return NB_OK;
}

static int vg_cb_modify(struct nb_cb_modify_args *args)
{
	if (args->event == NB_EV_APPLY)
		vg_schedule_rebuild();
	return NB_OK;
}

static int vg_cb_destroy(struct nb_cb_destroy_args *args)
{
	if (args->event == NB_EV_APPLY)
		vg_schedule_rebuild();
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
	vty_out(vty, "vendor-guard vendor %s pen %s%s\n", vg_str(dnode, "./name"),
		vg_str(dnode, "./pen"),
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
	vty_out(vty, "\n");
}

static void vg_show_domain_member(struct vty *vty,
				  const struct lyd_node *dnode,
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
	vty_out(vty, "vendor-guard sensitive-set %s\n", vg_str(dnode, "./name"));
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
		vty_out(vty, "no vendor-guard sensitive-set %s unknown-is-tainted\n",
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

/*
 * Per-prefix compliance of sensitive sets belongs to the enforcement
 * (sensitive sets are not evaluated yet): the list is empty.
 */
static const void *vg_compliance_get_next(struct nb_cb_get_next_args *args)
{
	return NULL;
}

static int vg_compliance_get_keys(struct nb_cb_get_keys_args *args)
{
	args->keys->num = 0;
	return NB_OK;
}

static const void *
vg_compliance_lookup_entry(struct nb_cb_lookup_entry_args *args)
{
	return NULL;
}

static struct yang_data *vg_compliance_leaf(struct nb_cb_get_elem_args *args)
{
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Node table                                                           */

static const struct frr_yang_module_info vg_yang_info = {
	.name = "frr-vendorguard",
	.nodes = {
		{ .xpath = VG_XP, .cbs.pre_validate = vg_pre_validate },
		{ .xpath = VG_XP "/vendor", .cbs.cli_show = vg_show_vendor },
		{ .xpath = VG_XP "/vendor/description",
		  .cbs.cli_show = vg_show_vendor_descr },
		{ .xpath = VG_XP "/equipment",
		  .cbs.cli_show = vg_show_equipment },
		{ .xpath = VG_XP "/equipment/bgp-router-id",
		  .cbs.cli_show = vg_show_equipment_leaf },
		{ .xpath = VG_XP "/equipment/ospf-router-id",
		  .cbs.cli_show = vg_show_equipment_leaf },
		{ .xpath = VG_XP "/neighbor", .cbs.cli_show = vg_show_neighbor },
		{ .xpath = VG_XP "/as-attribution/vendor",
		  .cbs.cli_show = vg_show_attribution_vendor },
		{ .xpath = VG_XP "/tagging-domain",
		  .cbs.cli_show = vg_show_domain },
		{ .xpath = VG_XP "/tagging-domain/member-as",
		  .cbs.cli_show = vg_show_domain_member },
		{ .xpath = VG_XP "/local/vendor",
		  .cbs.cli_show = vg_show_local_vendor },
		{ .xpath = VG_XP "/sensitive-set", .cbs.cli_show = vg_show_set },
		{ .xpath = VG_XP "/sensitive-set/prefix-list",
		  .cbs.cli_show = vg_show_set_plist },
		{ .xpath = VG_XP "/sensitive-set/prefix",
		  .cbs.cli_show = vg_show_set_prefix },
		{ .xpath = VG_XP "/sensitive-set/action",
		  .cbs.cli_show = vg_show_set_action },
		{ .xpath = VG_XP "/sensitive-set/unknown-is-tainted",
		  .cbs.cli_show = vg_show_set_unknown },
		{ .xpath = VG_XP "/counters/paths-evaluated",
		  .cbs.get_elem = vg_get_counter },
		{ .xpath = VG_XP "/counters/clean",
		  .cbs.get_elem = vg_get_counter },
		{ .xpath = VG_XP "/counters/tainted",
		  .cbs.get_elem = vg_get_counter },
		{ .xpath = VG_XP "/counters/unknown",
		  .cbs.get_elem = vg_get_counter },
		{ .xpath = VG_XP "/counters/forged-tags-removed",
		  .cbs.get_elem = vg_get_counter },
		{ .xpath = VG_XP "/counters/revalidations",
		  .cbs.get_elem = vg_get_counter },
		{ .xpath = VG_XP "/compliance",
		  .cbs = { .get_next = vg_compliance_get_next,
			   .get_keys = vg_compliance_get_keys,
			   .lookup_entry = vg_compliance_lookup_entry } },
		{ .xpath = NULL },
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

		(void)yang_snodes_iterate_subtree(snode, NULL,
						  vg_check_config_only, 0,
						  &config_only);
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
 * needs (nb_validate_callbacks() exits bgpd when one is missing); state
 * leaves not in the table (compliance entries) get a NULL getter.
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
	if (!n->cbs.get_next && nb_operation_is_valid(NB_OP_GET_NEXT, snode))
		n->cbs.get_next = vg_compliance_get_next;
	return YANG_ITER_CONTINUE;
}

bool vg_nb_init(void)
{
	qmem_walk(vg_find_nb_mtype, NULL);
	if (!vg_mtype_nb_node) {
		zlog_err("[VG-NB] vendorguard: libfrr has no \"Northbound Node\" memory type; not loading the YANG module");
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
