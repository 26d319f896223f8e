// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: sensitive sets and the action for a path (see
 * vg_policy.h).
 */
#include <string.h>

#include "vg_alloc.h"
#include "vg_policy.h"

struct vg_policy *vg_policy_new(void)
{
	struct vg_policy *pol = vg_calloc(1, sizeof(*pol));

	if (!pol)
		return NULL;
	pol->pfx = vg_pfxset_new();
	if (!pol->pfx) {
		vg_free(pol);
		return NULL;
	}
	return pol;
}

void vg_policy_free(struct vg_policy *pol)
{
	if (!pol)
		return;
	vg_pfxset_free(pol->pfx);
	vg_free(pol->sets);
	vg_free(pol);
}

int vg_policy_add_set(struct vg_policy *pol, const char *name, uint8_t action,
		      uint32_t demote_lp, bool unknown_tainted,
		      struct vg_error *err)
{
	struct vg_set_policy *s;

	if (!vg_name_valid(name, VG_SET_NAME_MAX)) {
		vg_error_set(err, "sensitive-set '%s': invalid name",
			     name ? name : "");
		return -1;
	}
	if (action > VG_ACT_WITHHOLD) {
		vg_error_set(err, "sensitive-set '%s': invalid action %u", name,
			     action);
		return -1;
	}
	if (pol->n_sets == pol->cap_sets) {
		uint32_t cap = pol->cap_sets ? pol->cap_sets * 2 : 8;
		void *p = vg_realloc(pol->sets, cap * sizeof(*pol->sets));

		if (!p) {
			vg_error_set(err, "out of memory");
			return -1;
		}
		pol->sets = p;
		pol->cap_sets = cap;
	}
	s = &pol->sets[pol->n_sets];
	memset(s, 0, sizeof(*s));
	strcpy(s->name, name);
	s->action = action;
	s->demote_lp = demote_lp;
	s->unknown_tainted = unknown_tainted;
	return (int)pol->n_sets++;
}

int vg_policy_add_prefix(struct vg_policy *pol, uint32_t set,
			 const struct vg_prefix *p, uint8_t ge, uint8_t le,
			 struct vg_error *err)
{
	struct vg_error e = {};

	if (set >= pol->n_sets) {
		vg_error_set(err, "no sensitive-set with id %u", set);
		return -1;
	}
	if (vg_pfxset_add(pol->pfx, p, ge, le, set, &e)) {
		vg_error_set(err, "sensitive-set '%s': %s", pol->sets[set].name,
			     e.msg);
		return -1;
	}
	return 0;
}

int vg_policy_set_plist(struct vg_policy *pol, uint32_t set, const char *name,
			struct vg_error *err)
{
	if (set >= pol->n_sets) {
		vg_error_set(err, "no sensitive-set with id %u", set);
		return -1;
	}
	if (!name || !*name || strlen(name) > VG_PLIST_NAME_MAX) {
		vg_error_set(err, "sensitive-set '%s': bad prefix-list name",
			     pol->sets[set].name);
		return -1;
	}
	strcpy(pol->sets[set].plist, name);
	return 0;
}

const struct vg_set_policy *vg_policy_match_len(const struct vg_policy *pol,
						const struct vg_prefix *p,
						uint8_t *len)
{
	uint32_t id;

	if (!pol || !pol->n_sets)
		return NULL;
	id = vg_pfxset_lookup_len(pol->pfx, p, len);
	return id == VG_PFXSET_NONE ? NULL : &pol->sets[id];
}

const struct vg_set_policy *vg_policy_match(const struct vg_policy *pol,
					    const struct vg_prefix *p)
{
	uint8_t len;

	return vg_policy_match_len(pol, p, &len);
}

const char *vg_action_str(uint8_t action)
{
	switch (action) {
	case VG_ACT_DEMOTE:
		return "demote";
	case VG_ACT_WITHHOLD:
		return "withhold";
	default:
		return "monitor";
	}
}
