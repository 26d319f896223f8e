// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: sensitive sets and the action for a path (spec §4).
 *
 * A vg_policy holds the sensitive sets (name, action, demote
 * local-preference, unknown policy) and one prefix trie over all their
 * prefixes. vg_policy_match() answers, once per destination, which set (if
 * any) a prefix belongs to: the most specific matching entry decides across
 * overlapping sets, and on a tie the set added first wins. Callers add sets
 * strictest first (withhold, then demote, then monitor) so that a tie goes
 * to the stricter action.
 */
#ifndef VG_POLICY_H
#define VG_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vg_classify.h"
#include "vg_pfxset.h"
#include "vg_util.h"

#define VG_ACT_MONITOR 0
#define VG_ACT_DEMOTE 1
#define VG_ACT_WITHHOLD 2

#define VG_SET_NAME_MAX 63
#define VG_PLIST_NAME_MAX 128

struct vg_set_policy {
	char name[VG_SET_NAME_MAX + 1];
	/*
	 * An FRR prefix-list whose permitted prefixes are the set's members
	 * (empty = inline prefixes). The core does not evaluate prefix-lists;
	 * the glue does and combines its answer with vg_policy_prefer().
	 */
	char plist[VG_PLIST_NAME_MAX + 1];
	uint8_t action;	      /* VG_ACT_* */
	bool unknown_tainted; /* unknown verdicts count as tainted */
	uint32_t demote_lp;   /* local-preference of demoted paths */
};

struct vg_policy {
	struct vg_pfxset *pfx;
	struct vg_set_policy *sets;
	uint32_t n_sets, cap_sets;
};

struct vg_policy *vg_policy_new(void);
void vg_policy_free(struct vg_policy *pol);

/* Add a set; returns its id (>= 0) or -1 with err set. */
int vg_policy_add_set(struct vg_policy *pol, const char *name, uint8_t action,
		      uint32_t demote_lp, bool unknown_tainted,
		      struct vg_error *err);

/* Add a prefix entry (prefix-list semantics, see vg_pfxset.h) to set id. */
int vg_policy_add_prefix(struct vg_policy *pol, uint32_t set,
			 const struct vg_prefix *p, uint8_t ge, uint8_t le,
			 struct vg_error *err);

/* Make set id take its members from the named FRR prefix-list. */
int vg_policy_set_plist(struct vg_policy *pol, uint32_t set, const char *name,
			struct vg_error *err);

/* The set a prefix belongs to, or NULL when it is not sensitive. */
const struct vg_set_policy *vg_policy_match(const struct vg_policy *pol,
					    const struct vg_prefix *p);

/* As vg_policy_match(); *len gets the matching entry's prefix length. */
const struct vg_set_policy *vg_policy_match_len(const struct vg_policy *pol,
						const struct vg_prefix *p,
						uint8_t *len);

/*
 * Of two candidate sets (either may be NULL) matched by entries of length
 * alen and blen, the one that decides: the more specific entry, and on a
 * tie the set added first (the stricter one).
 */
static inline const struct vg_set_policy *
vg_policy_prefer(const struct vg_set_policy *a, int alen,
		 const struct vg_set_policy *b, int blen)
{
	if (!a)
		return b;
	if (!b)
		return a;
	if (alen != blen)
		return alen > blen ? a : b;
	return a < b ? a : b;
}

/* Does a path of this verdict count as tainted under the set? */
static inline bool vg_policy_is_tainted(const struct vg_set_policy *set,
					uint8_t verdict)
{
	return verdict == VG_TAINTED ||
	       (verdict == VG_UNKNOWN && set->unknown_tainted);
}

/* What happens to a path of this verdict; VG_ACT_MONITOR = nothing. */
static inline uint8_t vg_policy_action(const struct vg_set_policy *set,
				       uint8_t verdict)
{
	if (!set || !vg_policy_is_tainted(set, verdict))
		return VG_ACT_MONITOR;
	return set->action;
}

const char *vg_action_str(uint8_t action);

#endif /* VG_POLICY_H */
