// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: prefix sets for sensitive sets (spec §1, §4).
 *
 * A vg_pfxset holds the entries of all sensitive sets, IPv4 and IPv6, each
 * with prefix-list semantics, and answers "which set does this prefix
 * belong to" with a longest-prefix match.  One binary trie per family.
 *
 * Entry semantics, as FRR's prefix-list: an entry P/len [ge G] [le L]
 * matches a prefix X/xl when the first len bits of X and P agree and
 *   - without ge and le: xl == len;
 *   - with ge only:      G <= xl <= max (32 or 128);
 *   - with le only:      len <= xl <= L;
 *   - with both:         G <= xl <= L.
 * ge and le are 0 when not given; otherwise len < ge <= le <= max must hold
 * (len < le for le alone), as FRR requires.  Host bits of P are ignored.
 *
 * Lookup: among the matching entries, the one with the longest len decides
 * (the most specific prefix wins across overlapping sets); on a tie (same
 * P/len in two entries that both match) the lowest set id wins, so the
 * answer does not depend on insertion order.
 *
 * Entries are added at configuration time; lookups never allocate and cost
 * at most xl trie steps.
 */
#ifndef VG_PFXSET_H
#define VG_PFXSET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "vg_util.h"

/* "No set" result of vg_pfxset_lookup(). */
#define VG_PFXSET_NONE UINT32_MAX

struct vg_prefix {
	uint8_t family; /* AF_INET or AF_INET6 */
	uint8_t len;
	uint8_t addr[16]; /* network byte order; IPv4 in the first 4 bytes */
};

struct vg_pfxset;

struct vg_pfxset *vg_pfxset_new(void);
void vg_pfxset_free(struct vg_pfxset *ps);

/*
 * Add an entry for set set_id (any value but VG_PFXSET_NONE).  Returns 0, or
 * -1 with err set ("prefix 10.0.0.0/8 ge 4: ...") for an invalid family,
 * length or range, or when memory runs out.
 */
int vg_pfxset_add(struct vg_pfxset *ps, const struct vg_prefix *p, uint8_t ge,
		  uint8_t le, uint32_t set_id, struct vg_error *err);

/* The set of the most specific entry matching p, or VG_PFXSET_NONE. */
uint32_t vg_pfxset_lookup(const struct vg_pfxset *ps,
			  const struct vg_prefix *p);

/* Number of entries added. */
/* As vg_pfxset_lookup(), and *len (if not NULL) gets the matching
 * entry's prefix length when a set is found. */
uint32_t vg_pfxset_lookup_len(const struct vg_pfxset *ps,
			      const struct vg_prefix *p, uint8_t *len);

size_t vg_pfxset_count(const struct vg_pfxset *ps);

#endif /* VG_PFXSET_H */
