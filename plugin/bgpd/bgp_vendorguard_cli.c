// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: configuration commands.
 *
 * Every command edits the frr-vendorguard YANG data through the northbound
 * (DEFPY_YANG), so the northbound validates it and the running
 * configuration is printed from the same data (cli_show callbacks in
 * bgp_vendorguard_nb.c). doc/cli.md is the reference: each leaf has exactly
 * one command form. Commands are flat in CONFIG_NODE: a module cannot add
 * CLI nodes in FRR 8.4. vtysh learns them from this file (vtysh/build.sh).
 */
#include <zebra.h>

#include "lib/command.h"
#include "lib/northbound.h"
#include "lib/northbound_cli.h"
#include "lib/vty.h"
#include "lib/yang.h"

#include "bgp_vendorguard.h"

#ifndef VTYSH_EXTRACT_PL
#include "plugin/bgpd/bgp_vendorguard_cli_clippy.c"
#endif

#ifndef VG_XP
#define VG_XP "/frr-vendorguard:vendor-guard"
#endif
#define VG_STR "Vendor-aware path policy (vendorguard)\n"

/* The candidate this vty edits (shared in classic mode). */
static const struct lyd_node *vg_candidate(struct vty *vty)
{
	struct nb_config *c = vty->candidate_config
				      ? vty->candidate_config
				      : vty_shared_candidate_config;

	return c ? c->dnode : NULL;
}

static const char *vg_candidate_get(struct vty *vty, const char *fmt, ...)
	PRINTFRR(2, 3);
static const char *vg_candidate_get(struct vty *vty, const char *fmt, ...)
{
	const struct lyd_node *root = vg_candidate(vty), *dnode;
	char xpath[XPATH_MAXLEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintfrr(xpath, sizeof(xpath), fmt, ap);
	va_end(ap);
	if (!root || !yang_dnode_exists(root, xpath))
		return NULL;
	dnode = yang_dnode_get(root, xpath);
	return dnode ? yang_dnode_get_string(dnode, NULL) : NULL;
}

/* ------------------------------------------------------------------ */
/* Vendors                                                              */

DEFPY_YANG(
	vg_vendor, vg_vendor_cmd,
	"vendor-guard vendor WORD$name pen (1-4294967295)$pen [flagged$flagged]",
	VG_STR
	"An equipment vendor\n"
	"Vendor name\n"
	"IANA Private Enterprise Number\n"
	"PEN (e.g. 2011 for Huawei)\n"
	"Paths through this vendor's equipment are tainted\n")
{
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), VG_XP "/vendor[name='%s']", name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	nb_cli_enqueue_change(vty, "./pen", NB_OP_MODIFY, pen_str);
	nb_cli_enqueue_change(vty, "./flagged", NB_OP_MODIFY,
			      flagged ? "true" : "false");
	return nb_cli_apply_changes(vty, "%s", xpath);
}

DEFPY_YANG(no_vg_vendor, no_vg_vendor_cmd,
	   "no vendor-guard vendor WORD$name [pen (1-4294967295) [flagged]]",
	   NO_STR VG_STR
	   "An equipment vendor\n"
	   "Vendor name\n"
	   "IANA Private Enterprise Number\n"
	   "PEN\n"
	   "Flagged\n")
{
	nb_cli_enqueue_change(vty, ".", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, VG_XP "/vendor[name='%s']", name);
}

DEFPY_YANG(vg_vendor_descr, vg_vendor_descr_cmd,
	   "vendor-guard vendor WORD$name description LINE...",
	   VG_STR
	   "An equipment vendor\n"
	   "Vendor name\n"
	   "Free text about the vendor\n"
	   "Description\n")
{
	char *text = argv_concat(argv, argc, 4);
	int ret;

	nb_cli_enqueue_change(vty, "./description", NB_OP_MODIFY, text);
	ret = nb_cli_apply_changes(vty, VG_XP "/vendor[name='%s']", name);
	XFREE(MTYPE_TMP, text);
	return ret;
}

DEFPY_YANG(no_vg_vendor_descr, no_vg_vendor_descr_cmd,
	   "no vendor-guard vendor WORD$name description",
	   NO_STR VG_STR
	   "An equipment vendor\n"
	   "Vendor name\n"
	   "Free text about the vendor\n")
{
	nb_cli_enqueue_change(vty, "./description", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, VG_XP "/vendor[name='%s']", name);
}

ALIAS_YANG(no_vg_vendor_descr, no_vg_vendor_descr_text_cmd,
	   "no vendor-guard vendor WORD$name description LINE...",
	   NO_STR VG_STR
	   "An equipment vendor\n"
	   "Vendor name\n"
	   "Free text about the vendor\n"
	   "Description\n")

/* ------------------------------------------------------------------ */
/* Equipment                                                            */

DEFPY_YANG(vg_equipment, vg_equipment_cmd,
	   "vendor-guard equipment WORD$name vendor WORD$vendor",
	   VG_STR
	   "A device the router meets\n"
	   "Device name\n"
	   "Vendor of the device\n"
	   "Vendor name\n")
{
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), VG_XP "/equipment[name='%s']", name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	nb_cli_enqueue_change(vty, "./vendor", NB_OP_MODIFY, vendor);
	return nb_cli_apply_changes(vty, "%s", xpath);
}

/* Removing a device also removes its neighbor addresses (doc/cli.md). */
DEFPY_YANG(no_vg_equipment, no_vg_equipment_cmd,
	   "no vendor-guard equipment WORD$name [vendor WORD]",
	   NO_STR VG_STR
	   "A device the router meets\n"
	   "Device name\n"
	   "Vendor of the device\n"
	   "Vendor name\n")
{
	const struct lyd_node *root = vg_candidate(vty), *top, *c;
	char xpath[XPATH_MAXLEN];

	top = root && yang_dnode_exists(root, VG_XP)
		      ? yang_dnode_get(root, VG_XP)
		      : NULL;
	LY_LIST_FOR (top ? lyd_child(top) : NULL, c) {
		const char *owner;

		if (strcmp(c->schema->name, "neighbor"))
			continue;
		owner = yang_dnode_get_string(c, "./equipment");
		if (strcmp(owner, name))
			continue;
		snprintf(xpath, sizeof(xpath), VG_XP "/neighbor[address='%s']",
			 yang_dnode_get_string(c, "./address"));
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	}
	snprintf(xpath, sizeof(xpath), VG_XP "/equipment[name='%s']", name);
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(
	vg_equipment_neighbor, vg_equipment_neighbor_cmd,
	"[no] vendor-guard equipment WORD$name neighbor <A.B.C.D|X:X::X:X>$addr",
	NO_STR VG_STR
	"A device the router meets\n"
	"Device name\n"
	"A BGP neighbor address on this device\n"
	"IPv4 address\n"
	"IPv6 address\n")
{
	const char *owner = vg_candidate_get(
		vty, VG_XP "/neighbor[address='%s']/equipment", addr_str);
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), VG_XP "/neighbor[address='%s']",
		 addr_str);
	if (no) {
		if (!owner || strcmp(owner, name)) {
			vty_out(vty, "%% %s is not a neighbor address of %s\n",
				addr_str, name);
			return CMD_WARNING_CONFIG_FAILED;
		}
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
		return nb_cli_apply_changes(vty, NULL);
	}
	if (owner && strcmp(owner, name)) {
		vty_out(vty, "%% %s is already a neighbor address of %s\n",
			addr_str, owner);
		return CMD_WARNING_CONFIG_FAILED;
	}
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	nb_cli_enqueue_change(vty, "./equipment", NB_OP_MODIFY, name);
	return nb_cli_apply_changes(vty, "%s", xpath);
}

/* Set or remove equipment NAME's bgp-router-id or ospf-router-id leaf. */
static int vg_equipment_rid_edit(struct vty *vty, const char *name,
				 const char *which, enum nb_operation op,
				 const char *value)
{
	char leaf[32];

	snprintf(leaf, sizeof(leaf), "./%s", which);
	nb_cli_enqueue_change(vty, leaf, op, value);
	return nb_cli_apply_changes(vty, VG_XP "/equipment[name='%s']", name);
}

DEFPY_YANG(
	vg_equipment_rid, vg_equipment_rid_cmd,
	"vendor-guard equipment WORD$name <bgp-router-id|ospf-router-id>$which A.B.C.D$rid",
	VG_STR
	"A device the router meets\n"
	"Device name\n"
	"Its BGP router-id\n"
	"Its OSPF router-id\n"
	"Router-id\n")
{
	return vg_equipment_rid_edit(vty, name, which, NB_OP_MODIFY, rid_str);
}

DEFPY_YANG(
	no_vg_equipment_rid, no_vg_equipment_rid_cmd,
	"no vendor-guard equipment WORD$name <bgp-router-id|ospf-router-id>$which [A.B.C.D]",
	NO_STR VG_STR
	"A device the router meets\n"
	"Device name\n"
	"Its BGP router-id\n"
	"Its OSPF router-id\n"
	"Router-id\n")
{
	return vg_equipment_rid_edit(vty, name, which, NB_OP_DESTROY, NULL);
}

/* ------------------------------------------------------------------ */
/* AS attributions                                                      */

DEFPY_YANG(vg_attribution, vg_attribution_cmd,
	   "vendor-guard as-attribution (1-4294967295)$asn vendor WORD$vendor",
	   VG_STR
	   "Vendors known to carry transit inside an AS\n"
	   "AS number\n"
	   "An attributed vendor\n"
	   "Vendor name\n")
{
	nb_cli_enqueue_change(vty, "./vendor", NB_OP_CREATE, vendor);
	return nb_cli_apply_changes(vty, VG_XP "/as-attribution[asn='%s']",
				    asn_str);
}

DEFPY_YANG(
	no_vg_attribution, no_vg_attribution_cmd,
	"no vendor-guard as-attribution (1-4294967295)$asn [vendor WORD$vendor]",
	NO_STR VG_STR
	"Vendors known to carry transit inside an AS\n"
	"AS number\n"
	"An attributed vendor\n"
	"Vendor name\n")
{
	const struct lyd_node *root = vg_candidate(vty), *entry = NULL, *c;
	char xpath[XPATH_MAXLEN];
	size_t others = 0;

	snprintf(xpath, sizeof(xpath), VG_XP "/as-attribution[asn='%s']",
		 asn_str);
	if (root && yang_dnode_exists(root, xpath))
		entry = yang_dnode_get(root, xpath);
	LY_LIST_FOR (vendor &&entry ? lyd_child(entry) : NULL, c)
		if (!strcmp(c->schema->name, "vendor") &&
		    strcmp(lyd_get_value(c), vendor))
			others++;
	/* An attribution needs at least one vendor: drop the entry. */
	if (vendor && others) {
		nb_cli_enqueue_change(vty, "./vendor", NB_OP_DESTROY, vendor);
		return nb_cli_apply_changes(vty, "%s", xpath);
	}
	nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/* ------------------------------------------------------------------ */
/* Tagging domains                                                      */

DEFPY_YANG(
	vg_domain, vg_domain_cmd,
	"vendor-guard tagging-domain (1-4294967295)$ga [trusted$trusted] [vendor-function (0-4294967295)$fv] [attestation-function (0-4294967295)$fa] [verdict-function (0-4294967295)$fd]",
	VG_STR
	"Routers that stamp vendor tags, named by the tags' global administrator\n"
	"Global administrator (ASN)\n"
	"Trust this domain's tags (from neighbors inside it)\n"
	"Function number of vendor tags (GA:F:PEN)\n"
	"Function number (default 1)\n"
	"Function number of attestation tags (GA:F:ASN)\n"
	"Function number (default 2)\n"
	"Add a verdict tag GA:F:V (1 clean, 2 tainted, 3 unknown) to received paths\n"
	"Function number (default: no verdict tags)\n")
{
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath),
		 VG_XP "/tagging-domain[global-admin='%s']", ga_str);
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	nb_cli_enqueue_change(vty, "./trusted", NB_OP_MODIFY,
			      trusted ? "true" : "false");
	nb_cli_enqueue_change(vty, "./vendor-function", NB_OP_MODIFY,
			      fv_str ? fv_str : "1");
	nb_cli_enqueue_change(vty, "./attestation-function", NB_OP_MODIFY,
			      fa_str ? fa_str : "2");
	nb_cli_enqueue_change(vty, "./verdict-function",
			      fd_str ? NB_OP_MODIFY : NB_OP_DESTROY, fd_str);
	return nb_cli_apply_changes(vty, "%s", xpath);
}

DEFPY_YANG(
	no_vg_domain, no_vg_domain_cmd,
	"no vendor-guard tagging-domain (1-4294967295)$ga [trusted] [vendor-function (0-4294967295)] [attestation-function (0-4294967295)] [verdict-function (0-4294967295)]",
	NO_STR VG_STR
	"Routers that stamp vendor tags\n"
	"Global administrator (ASN)\n"
	"Trusted\n"
	"Function number of vendor tags\n"
	"Function number\n"
	"Function number of attestation tags\n"
	"Function number\n"
	"Function number of verdict tags\n"
	"Function number\n")
{
	nb_cli_enqueue_change(vty, ".", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(
		vty, VG_XP "/tagging-domain[global-admin='%s']", ga_str);
}

DEFPY_YANG(
	vg_domain_member, vg_domain_member_cmd,
	"[no] vendor-guard tagging-domain (1-4294967295)$ga member-as (1-4294967295)$asn",
	NO_STR VG_STR
	"Routers that stamp vendor tags\n"
	"Global administrator (ASN)\n"
	"An AS inside the domain\n"
	"AS number\n")
{
	nb_cli_enqueue_change(vty, "./member-as",
			      no ? NB_OP_DESTROY : NB_OP_CREATE, asn_str);
	return nb_cli_apply_changes(
		vty, VG_XP "/tagging-domain[global-admin='%s']", ga_str);
}

/* ------------------------------------------------------------------ */
/* This router                                                          */

DEFPY_YANG(vg_local_vendor, vg_local_vendor_cmd,
	   "vendor-guard local vendor WORD$vendor",
	   VG_STR
	   "This router\n"
	   "Its vendor\n"
	   "Vendor name\n")
{
	nb_cli_enqueue_change(vty, VG_XP "/local/vendor", NB_OP_MODIFY, vendor);
	return nb_cli_apply_changes(vty, NULL);
}

DEFPY_YANG(no_vg_local_vendor, no_vg_local_vendor_cmd,
	   "no vendor-guard local vendor [WORD]",
	   NO_STR VG_STR
	   "This router\n"
	   "Its vendor\n"
	   "Vendor name\n")
{
	nb_cli_enqueue_change(vty, VG_XP "/local/vendor", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, NULL);
}

/* ------------------------------------------------------------------ */
/* Sensitive sets                                                       */

#define VG_SET_STR                                                             \
	"A named set of sensitive prefixes\n"                                  \
	"Set name\n"

DEFPY_YANG(vg_set, vg_set_cmd, "[no] vendor-guard sensitive-set WORD$name",
	   NO_STR VG_STR VG_SET_STR)
{
	nb_cli_enqueue_change(vty, ".", no ? NB_OP_DESTROY : NB_OP_CREATE,
			      NULL);
	return nb_cli_apply_changes(vty, VG_XP "/sensitive-set[name='%s']",
				    name);
}

/* The two member kinds are a YANG choice: refuse to switch silently. */
static bool vg_set_has_prefixes(struct vty *vty, const char *name)
{
	const struct lyd_node *root = vg_candidate(vty);
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath), VG_XP "/sensitive-set[name='%s']/prefix",
		 name);
	return root && yang_dnode_exists(root, xpath);
}

DEFPY_YANG(vg_set_plist, vg_set_plist_cmd,
	   "vendor-guard sensitive-set WORD$name prefix-list WORD$plist",
	   VG_STR VG_SET_STR
	   "Its prefixes are those an FRR prefix-list permits\n"
	   "Prefix-list name (ip and/or ipv6 prefix-list)\n")
{
	/*
	 * FRR completes abbreviated keywords, so a malformed inline prefix
	 * ("prefix 10.0.0.0/33") lands here as a prefix-list name. Only the
	 * full keyword names a prefix-list.
	 */
	if (strcmp(argv[3]->arg, "prefix-list")) {
		vty_out(vty, "%% Malformed prefix: %s\n", plist);
		return CMD_WARNING_CONFIG_FAILED;
	}
	if (vg_set_has_prefixes(vty, name)) {
		vty_out(vty,
			"%% sensitive-set %s has inline prefixes; remove them first\n",
			name);
		return CMD_WARNING_CONFIG_FAILED;
	}
	nb_cli_enqueue_change(vty, "./prefix-list", NB_OP_MODIFY, plist);
	return nb_cli_apply_changes(vty, VG_XP "/sensitive-set[name='%s']",
				    name);
}

DEFPY_YANG(no_vg_set_plist, no_vg_set_plist_cmd,
	   "no vendor-guard sensitive-set WORD$name prefix-list [WORD]",
	   NO_STR VG_STR VG_SET_STR
	   "Its prefixes are those an FRR prefix-list permits\n"
	   "Prefix-list name\n")
{
	nb_cli_enqueue_change(vty, "./prefix-list", NB_OP_DESTROY, NULL);
	return nb_cli_apply_changes(vty, VG_XP "/sensitive-set[name='%s']",
				    name);
}

DEFPY_YANG(
	vg_set_prefix, vg_set_prefix_cmd,
	"[no] vendor-guard sensitive-set WORD$name prefix <A.B.C.D/M|X:X::X:X/M>$prefix [ge (0-128)$ge] [le (0-128)$le]",
	NO_STR VG_STR VG_SET_STR
	"A sensitive prefix\n"
	"IPv4 prefix\n"
	"IPv6 prefix\n"
	"Minimum prefix length\n"
	"Length\n"
	"Maximum prefix length\n"
	"Length\n")
{
	const char *plist;
	char xpath[XPATH_MAXLEN];

	snprintf(xpath, sizeof(xpath),
		 VG_XP "/sensitive-set[name='%s']/prefix[prefix='%s']", name,
		 prefix_str);
	if (no) {
		nb_cli_enqueue_change(vty, xpath, NB_OP_DESTROY, NULL);
		return nb_cli_apply_changes(vty, NULL);
	}
	plist = vg_candidate_get(
		vty, VG_XP "/sensitive-set[name='%s']/prefix-list", name);
	if (plist) {
		vty_out(vty,
			"%% sensitive-set %s uses prefix-list %s; remove it first\n",
			name, plist);
		return CMD_WARNING_CONFIG_FAILED;
	}
	nb_cli_enqueue_change(vty, xpath, NB_OP_CREATE, NULL);
	nb_cli_enqueue_change(vty, "./ge",
			      ge_str ? NB_OP_MODIFY : NB_OP_DESTROY, ge_str);
	nb_cli_enqueue_change(vty, "./le",
			      le_str ? NB_OP_MODIFY : NB_OP_DESTROY, le_str);
	return nb_cli_apply_changes(vty, "%s", xpath);
}

DEFPY_YANG(
	vg_set_action, vg_set_action_cmd,
	"vendor-guard sensitive-set WORD$name action <monitor$monitor|demote$demote [local-preference (0-4294967295)$lp]|withhold$withhold>",
	VG_STR VG_SET_STR
	"What to do with tainted paths of the set\n"
	"Report only\n"
	"Lower their local-preference\n"
	"Local-preference of demoted paths\n"
	"Value (default 0)\n"
	"Make them ineligible (fail closed)\n")
{
	const char *action = demote	? "demote"
			     : withhold ? "withhold"
					: "monitor";

	nb_cli_enqueue_change(vty, "./action", NB_OP_MODIFY, action);
	nb_cli_enqueue_change(vty, "./demote-local-preference",
			      lp_str ? NB_OP_MODIFY : NB_OP_DESTROY, lp_str);
	return nb_cli_apply_changes(vty, VG_XP "/sensitive-set[name='%s']",
				    name);
}

DEFPY_YANG(
	no_vg_set_action, no_vg_set_action_cmd,
	"no vendor-guard sensitive-set WORD$name action [<monitor|demote [local-preference (0-4294967295)]|withhold>]",
	NO_STR VG_STR VG_SET_STR
	"What to do with tainted paths of the set\n"
	"Report only\n"
	"Lower their local-preference\n"
	"Local-preference of demoted paths\n"
	"Value\n"
	"Make them ineligible\n")
{
	nb_cli_enqueue_change(vty, "./action", NB_OP_MODIFY, "monitor");
	nb_cli_enqueue_change(vty, "./demote-local-preference", NB_OP_DESTROY,
			      NULL);
	return nb_cli_apply_changes(vty, VG_XP "/sensitive-set[name='%s']",
				    name);
}

DEFPY_YANG(vg_set_unknown, vg_set_unknown_cmd,
	   "[no] vendor-guard sensitive-set WORD$name unknown-is-tainted",
	   NO_STR VG_STR VG_SET_STR
	   "Treat paths of unknown verdict like tainted ones (default)\n")
{
	nb_cli_enqueue_change(vty, "./unknown-is-tainted", NB_OP_MODIFY,
			      no ? "false" : "true");
	return nb_cli_apply_changes(vty, VG_XP "/sensitive-set[name='%s']",
				    name);
}

/* ------------------------------------------------------------------ */
/* Running configuration                                                */

static int vg_config_write(struct vty *vty)
{
	const struct lyd_node *dnode;

	if (!running_config || !running_config->dnode ||
	    !yang_dnode_exists(running_config->dnode, VG_XP))
		return 0;
	dnode = yang_dnode_get(running_config->dnode, VG_XP);
	if (!dnode)
		return 0;
	nb_cli_show_dnode_cmds(vty, dnode, false);
	return 1;
}

/*
 * A node of our own only to get config_write called: its id lies past the
 * library's enum (vty_write_config() walks every installed slot), and no
 * command enters it.
 */
static struct cmd_node vg_node = {
	.name = "vendor-guard",
	.node = NODE_TYPE_MAX + 1,
	.parent_node = CONFIG_NODE,
	.prompt = "",
	.config_write = vg_config_write,
};

void vg_cli_init(void)
{
	install_node(&vg_node);
	install_element(CONFIG_NODE, &vg_vendor_cmd);
	install_element(CONFIG_NODE, &no_vg_vendor_cmd);
	install_element(CONFIG_NODE, &vg_vendor_descr_cmd);
	install_element(CONFIG_NODE, &no_vg_vendor_descr_cmd);
	install_element(CONFIG_NODE, &no_vg_vendor_descr_text_cmd);
	install_element(CONFIG_NODE, &vg_equipment_cmd);
	install_element(CONFIG_NODE, &no_vg_equipment_cmd);
	install_element(CONFIG_NODE, &vg_equipment_neighbor_cmd);
	install_element(CONFIG_NODE, &vg_equipment_rid_cmd);
	install_element(CONFIG_NODE, &no_vg_equipment_rid_cmd);
	install_element(CONFIG_NODE, &vg_attribution_cmd);
	install_element(CONFIG_NODE, &no_vg_attribution_cmd);
	install_element(CONFIG_NODE, &vg_domain_cmd);
	install_element(CONFIG_NODE, &no_vg_domain_cmd);
	install_element(CONFIG_NODE, &vg_domain_member_cmd);
	install_element(CONFIG_NODE, &vg_local_vendor_cmd);
	install_element(CONFIG_NODE, &no_vg_local_vendor_cmd);
	install_element(CONFIG_NODE, &vg_set_cmd);
	install_element(CONFIG_NODE, &vg_set_plist_cmd);
	install_element(CONFIG_NODE, &no_vg_set_plist_cmd);
	install_element(CONFIG_NODE, &vg_set_prefix_cmd);
	install_element(CONFIG_NODE, &vg_set_action_cmd);
	install_element(CONFIG_NODE, &no_vg_set_action_cmd);
	install_element(CONFIG_NODE, &vg_set_unknown_cmd);
}
