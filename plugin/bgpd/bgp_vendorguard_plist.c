// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: sensitive sets whose members are an FRR
 * prefix-list.
 *
 * For each such set the current policy has, the list is resolved by name to
 * a pointer once (at rebuild and when prefix-lists change), never per route;
 * matching a prefix is then FRR's own prefix-list trie lookup. Prefix-list
 * changes arrive through libfrr's hooks (bgp_vendorguard_frr84.c): a list
 * that lost its last entry or was deleted is dropped at once (its memory
 * may be freed right after the hook), and an event re-resolves the names
 * and revalidates the sensitive destinations. A missing list matches no
 * prefix, and a log line says so.
 */
#include <zebra.h>

#include "lib/plist.h"
#include "lib/prefix.h"
#include "lib/thread.h"

#include "bgpd/bgpd.h"

#include "bgp_vendorguard.h"
#include "bgp_vendorguard_frr84.h"

#include "../core/vg_policy.h"

DEFINE_MTYPE_STATIC(VENDORGUARD, VG_PLIST, "vendorguard prefix-list refs");

struct vg_plist_ref {
	const struct vg_set_policy *set;
	struct prefix_list *pl[2]; /* IPv4, IPv6 (NULL = none) */
};

static struct vg_plist_ref *vg_refs;
static size_t vg_n_refs;
static struct thread *vg_plist_thread;

/*
 * The "|set:list|" pairs last reported missing, so that a missing list is
 * logged once, not on every configuration line read at boot.
 */
static char *vg_missing;

static void vg_plist_resolve(void)
{
	size_t len = 1;
	char *missing;

	for (size_t i = 0; i < vg_n_refs; i++)
		len += strlen(vg_refs[i].set->name) +
		       strlen(vg_refs[i].set->plist) + 3;
	missing = XCALLOC(MTYPE_VG_PLIST, len);
	for (size_t i = 0; i < vg_n_refs; i++) {
		struct vg_plist_ref *r = &vg_refs[i];
		char key[VG_SET_NAME_MAX + VG_PLIST_NAME_MAX + 4];

		r->pl[0] = prefix_list_lookup(AFI_IP, r->set->plist);
		r->pl[1] = prefix_list_lookup(AFI_IP6, r->set->plist);
		if (r->pl[0] || r->pl[1])
			continue;
		snprintf(key, sizeof(key), "|%s:%s|", r->set->name,
			 r->set->plist);
		if (!vg_missing || !strstr(vg_missing, key))
			zlog_warn(
				"[VG-PLIST-MISSING] vendorguard: sensitive-set %s references prefix-list %s, which does not exist: the set matches no prefix until it is created",
				r->set->name, r->set->plist);
		strlcat(missing, key, len);
	}
	XFREE(MTYPE_VG_PLIST, vg_missing);
	vg_missing = missing;
}

/* The policy was recompiled: rebuild the references to its sets. */
void vg_plist_policy_changed(const struct vg_policy *pol)
{
	size_t n = 0;

	XFREE(MTYPE_VG_PLIST, vg_refs);
	vg_n_refs = 0;
	for (uint32_t i = 0; pol && i < pol->n_sets; i++)
		if (pol->sets[i].plist[0])
			n++;
	if (!n)
		return;
	vg_refs = XCALLOC(MTYPE_VG_PLIST, n * sizeof(*vg_refs));
	for (uint32_t i = 0; i < pol->n_sets; i++)
		if (pol->sets[i].plist[0])
			vg_refs[vg_n_refs++].set = &pol->sets[i];
	vg_plist_resolve();
}

const struct vg_set_policy *vg_plist_match(const struct prefix *p, int *len)
{
	const struct vg_set_policy *best = NULL;
	int fi = p->family == AF_INET ? 0 : 1;

	*len = -1;
	for (size_t i = 0; i < vg_n_refs; i++) {
		int l = vg_plist_match_len(vg_refs[i].pl[fi], p);

		if (l >= 0) {
			best = vg_policy_prefer(best, *len, vg_refs[i].set, l);
			if (best == vg_refs[i].set)
				*len = l;
		}
	}
	return best;
}

static void vg_plist_event(struct thread *t)
{
	vg_plist_resolve();
	vg_state->gen++;
	vg_config_changed(VG_DIRTY_PLIST, NULL, NULL);
}

/* libfrr prefix-list hook (add or delete of an entry or a list). */
static void vg_plist_hook(struct prefix_list *plist, bool deleted)
{
	const char *name = prefix_list_name(plist);
	bool ours = false;

	for (size_t i = 0; i < vg_n_refs; i++) {
		struct vg_plist_ref *r = &vg_refs[i];

		if (strcmp(r->set->plist, name))
			continue;
		ours = true;
		/* The list may be freed right after this hook returns. */
		if (deleted && vg_plist_empty(plist)) {
			for (int f = 0; f < 2; f++)
				if (r->pl[f] == plist)
					r->pl[f] = NULL;
			zlog_notice(
				"[VG-PLIST-EMPTY] vendorguard: prefix-list %s of sensitive-set %s is empty or deleted: the set matches no prefix",
				name, r->set->name);
		}
	}
	if (ours && vg_state)
		thread_add_event(bm->master, vg_plist_event, NULL, 0,
				 &vg_plist_thread);
}

void vg_plist_init(void)
{
	vg_plist_hooks_install(vg_plist_hook);
}

void vg_plist_fini(void)
{
	vg_plist_hooks_fini();
	THREAD_OFF(vg_plist_thread);
	XFREE(MTYPE_VG_PLIST, vg_refs);
	XFREE(MTYPE_VG_PLIST, vg_missing);
	vg_n_refs = 0;
}
