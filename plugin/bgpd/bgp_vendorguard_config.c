// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: compile the YANG configuration into the core's
 * lookup tables.
 *
 * The northbound data tree under /frr-vendorguard:vendor-guard is the only
 * source of configuration. This file walks it once and feeds the core's
 * builder; the result is an immutable struct vg_config that the hot path
 * reads without any string work. It is used twice per commit: to validate
 * the candidate (errors the model cannot express, such as more than 256
 * vendors) and to build the running tables after the commit.
 */
#include <zebra.h>

#include "lib/northbound.h"
#include "lib/yang.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_config.h"

#include "../core/vg_config.h"
#include "../core/vg_policy.h"

static const char *vg_leaf(const struct lyd_node *entry, const char *name)
{
	const struct lyd_node *c;

	LY_LIST_FOR (lyd_child(entry), c)
		if (!strcmp(c->schema->name, name))
			return lyd_get_value(c);
	return NULL;
}

static uint32_t vg_leaf_u32(const struct lyd_node *entry, const char *name,
			    uint32_t dflt)
{
	const char *s = vg_leaf(entry, name);

	return s ? (uint32_t)strtoul(s, NULL, 10) : dflt;
}

static uint32_t vg_leaf_rid(const struct lyd_node *entry, const char *name)
{
	const char *s = vg_leaf(entry, name);
	struct in_addr a;

	if (!s || inet_pton(AF_INET, s, &a) != 1)
		return 0;
	return ntohl(a.s_addr);
}

static bool vg_parse_addr(const char *s, struct vg_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->addr) == 1) {
		a->family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, s, a->addr) == 1) {
		a->family = AF_INET6;
		return true;
	}
	return false;
}

/* Count the children of `entry` named `name` (leaf-list values). */
static size_t vg_count(const struct lyd_node *entry, const char *name)
{
	const struct lyd_node *c;
	size_t n = 0;

	LY_LIST_FOR (lyd_child(entry), c)
		if (!strcmp(c->schema->name, name))
			n++;
	return n;
}

/*
 * Feed one equipment entry, with the neighbor addresses that name it. The
 * model keeps addresses in a list of their own (keyed by address, so one
 * address belongs to one device); group them by device here.
 */
static int vg_add_equipment(struct vg_config_builder *b,
			    const struct lyd_node *top,
			    const struct lyd_node *eq, struct vg_error *err)
{
	struct vg_equipment_spec spec = {};
	const struct lyd_node *c;
	struct vg_addr *addrs = NULL;
	size_t n = 0, cap = 0;
	int ret;

	spec.name = vg_leaf(eq, "name");
	spec.vendor = vg_leaf(eq, "vendor");
	spec.bgp_rid = vg_leaf_rid(eq, "bgp-router-id");
	spec.ospf_rid = vg_leaf_rid(eq, "ospf-router-id");

	LY_LIST_FOR (lyd_child(top), c) {
		const char *owner, *addr;

		if (strcmp(c->schema->name, "neighbor"))
			continue;
		owner = vg_leaf(c, "equipment");
		addr = vg_leaf(c, "address");
		if (!owner || !addr || strcmp(owner, spec.name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			addrs = XREALLOC(MTYPE_TMP, addrs,
					 cap * sizeof(*addrs));
		}
		if (!vg_parse_addr(addr, &addrs[n])) {
			snprintf(err->msg, sizeof(err->msg),
				 "equipment '%s': bad neighbor address '%s'",
				 spec.name, addr);
			XFREE(MTYPE_TMP, addrs);
			return -1;
		}
		n++;
	}
	spec.nbrs = addrs;
	spec.n_nbrs = n;
	ret = vg_config_builder_add_equipment(b, &spec);
	XFREE(MTYPE_TMP, addrs);
	return ret;
}

static int vg_add_attribution(struct vg_config_builder *b,
			      const struct lyd_node *at)
{
	size_t n = vg_count(at, "vendor"), i = 0;
	const char **names = XCALLOC(MTYPE_TMP, (n + 1) * sizeof(*names));
	const struct lyd_node *c;
	int ret;

	LY_LIST_FOR (lyd_child(at), c)
		if (!strcmp(c->schema->name, "vendor"))
			names[i++] = lyd_get_value(c);
	ret = vg_config_builder_add_as_attribution(b, vg_leaf_u32(at, "asn", 0),
						   names, n);
	XFREE(MTYPE_TMP, names);
	return ret;
}

static int vg_add_domain(struct vg_config_builder *b,
			 const struct lyd_node *dom)
{
	size_t n = vg_count(dom, "member-as"), i = 0;
	uint32_t *members = XCALLOC(MTYPE_TMP, (n + 1) * sizeof(*members));
	const struct lyd_node *c;
	const char *trusted = vg_leaf(dom, "trusted");
	int ret;

	LY_LIST_FOR (lyd_child(dom), c)
		if (!strcmp(c->schema->name, "member-as"))
			members[i++] = strtoul(lyd_get_value(c), NULL, 10);
	ret = vg_config_builder_add_domain(
		b, vg_leaf_u32(dom, "global-admin", 0),
		trusted && !strcmp(trusted, "true"),
		vg_leaf_u32(dom, "vendor-function", 1),
		vg_leaf_u32(dom, "attestation-function", 2), members, n);
	XFREE(MTYPE_TMP, members);
	return ret;
}

struct vg_config *vg_config_compile(const struct lyd_node *top,
				    uint32_t local_as, uint32_t confed_id,
				    const struct vg_config *prev,
				    struct vg_error *err)
{
	struct vg_config_builder *b = vg_config_builder_new();
	const struct lyd_node *c;
	const char *own_vendor = NULL;
	struct vg_config *cfg = NULL;

	err->msg[0] = '\0';
	if (!b) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	if (prev)
		vg_config_builder_keep_ids(b, prev);

	/* Vendors first: everything else refers to them by name. */
	LY_LIST_FOR (top ? lyd_child(top) : NULL, c) {
		const char *flagged;

		if (strcmp(c->schema->name, "vendor"))
			continue;
		flagged = vg_leaf(c, "flagged");
		if (vg_config_builder_add_vendor(
			    b, vg_leaf(c, "name"), vg_leaf_u32(c, "pen", 0),
			    flagged && !strcmp(flagged, "true")))
			goto fail;
	}
	LY_LIST_FOR (top ? lyd_child(top) : NULL, c) {
		const char *name = c->schema->name;
		int ret = 0;

		if (!strcmp(name, "equipment"))
			ret = vg_add_equipment(b, top, c, err);
		else if (!strcmp(name, "as-attribution"))
			ret = vg_add_attribution(b, c);
		else if (!strcmp(name, "tagging-domain"))
			ret = vg_add_domain(b, c);
		else if (!strcmp(name, "local"))
			own_vendor = vg_leaf(c, "vendor");
		if (ret)
			goto fail;
	}
	if (vg_config_builder_set_local(b, local_as, confed_id, own_vendor))
		goto fail;
	cfg = vg_config_build(b, err);
	vg_config_builder_free(b);
	return cfg;

fail:
	/* The builder records input errors; build() reports the first. */
	if (!err->msg[0]) {
		cfg = vg_config_build(b, err);
		if (cfg)
			vg_config_free(cfg);
	}
	if (!err->msg[0])
		snprintf(err->msg, sizeof(err->msg), "out of memory");
	vg_config_builder_free(b);
	return NULL;
}

static uint8_t vg_action_of(const struct lyd_node *set)
{
	const char *a = vg_leaf(set, "action");

	if (a && !strcmp(a, "withhold"))
		return VG_ACT_WITHHOLD;
	if (a && !strcmp(a, "demote"))
		return VG_ACT_DEMOTE;
	return VG_ACT_MONITOR;
}

/* Add the inline prefixes of one sensitive-set entry to set id. */
static int vg_add_set_prefixes(struct vg_policy *pol, int id,
			       const struct lyd_node *set, struct vg_error *err)
{
	const struct lyd_node *c;

	LY_LIST_FOR (lyd_child(set), c) {
		const char *text;
		struct prefix p;
		struct vg_prefix vp;

		if (strcmp(c->schema->name, "prefix") || !lyd_child(c))
			continue;
		text = vg_leaf(c, "prefix");
		if (!text || !str2prefix(text, &p) ||
		    !vg_prefix_from(&p, &vp)) {
			snprintf(err->msg, sizeof(err->msg),
				 "sensitive-set '%s': bad prefix '%s'",
				 vg_leaf(set, "name"), text ? text : "");
			return -1;
		}
		if (vg_policy_add_prefix(pol, id, &vp,
					 (uint8_t)vg_leaf_u32(c, "ge", 0),
					 (uint8_t)vg_leaf_u32(c, "le", 0), err))
			return -1;
	}
	return 0;
}

struct vg_policy *vg_policy_compile(const struct lyd_node *top,
				    struct vg_error *err)
{
	static const uint8_t order[] = {VG_ACT_WITHHOLD, VG_ACT_DEMOTE,
					VG_ACT_MONITOR};
	struct vg_policy *pol = vg_policy_new();

	err->msg[0] = '\0';
	if (!pol) {
		snprintf(err->msg, sizeof(err->msg), "out of memory");
		return NULL;
	}
	/* Strictest sets first: on an exact tie the stricter action wins. */
	for (size_t o = 0; o < array_size(order); o++) {
		const struct lyd_node *c;

		LY_LIST_FOR (top ? lyd_child(top) : NULL, c) {
			const char *unknown;
			int id;

			if (strcmp(c->schema->name, "sensitive-set") ||
			    vg_action_of(c) != order[o])
				continue;
			unknown = vg_leaf(c, "unknown-is-tainted");
			id = vg_policy_add_set(
				pol, vg_leaf(c, "name"), order[o],
				vg_leaf_u32(c, "demote-local-preference", 0),
				!unknown || !strcmp(unknown, "true"), err);
			if (id >= 0 && vg_leaf(c, "prefix-list") &&
			    vg_policy_set_plist(pol, id,
						vg_leaf(c, "prefix-list"), err))
				id = -1;
			if (id < 0 || vg_add_set_prefixes(pol, id, c, err)) {
				vg_policy_free(pol);
				return NULL;
			}
		}
	}
	return pol;
}
