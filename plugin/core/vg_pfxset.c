// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: prefix sets (see vg_pfxset.h).
 *
 * A plain binary trie per family, one node per bit of an entry prefix,
 * stored in one array and linked by index.  Sensitive sets are small (up to
 * some thousands of entries), so path compression is not worth its code.
 * Each node keeps the list of entries whose prefix ends there.
 */
#include <arpa/inet.h>
#include <string.h>

#include "vg_alloc.h"
#include "vg_pfxset.h"

struct pfx_node {
	uint32_t child[2]; /* node index, VG_NONE = none */
	uint32_t entries;  /* first entry index, VG_NONE = none */
};

struct pfx_entry {
	uint8_t lo, hi; /* matching prefix lengths */
	uint32_t set_id;
	uint32_t next;
};

struct vg_pfxset {
	struct pfx_node *nodes;
	uint32_t n_nodes, cap_nodes;
	struct pfx_entry *entries;
	uint32_t n_entries, cap_entries;
	uint32_t root[2]; /* IPv4, IPv6 */
};

static int family_index(uint8_t family, unsigned int *max)
{
	if (family == AF_INET) {
		*max = 32;
		return 0;
	}
	if (family == AF_INET6) {
		*max = 128;
		return 1;
	}
	return -1;
}

static inline unsigned int bit_at(const uint8_t *addr, unsigned int i)
{
	return (addr[i >> 3] >> (7 - (i & 7))) & 1;
}

static uint32_t node_new(struct vg_pfxset *ps)
{
	if (ps->n_nodes == ps->cap_nodes) {
		uint32_t cap = ps->cap_nodes ? 2 * ps->cap_nodes : 64;
		struct pfx_node *n;

		if (cap >= VG_NONE / 2)
			return VG_NONE;
		n = vg_realloc(ps->nodes, cap * sizeof(*n));
		if (n == NULL)
			return VG_NONE;
		ps->nodes = n;
		ps->cap_nodes = cap;
	}
	ps->nodes[ps->n_nodes] = (struct pfx_node){{VG_NONE, VG_NONE}, VG_NONE};
	return ps->n_nodes++;
}

struct vg_pfxset *vg_pfxset_new(void)
{
	struct vg_pfxset *ps = vg_calloc(1, sizeof(*ps));

	if (ps == NULL)
		return NULL;
	ps->root[0] = ps->root[1] = VG_NONE;
	return ps;
}

void vg_pfxset_free(struct vg_pfxset *ps)
{
	if (ps == NULL)
		return;
	vg_free(ps->nodes);
	vg_free(ps->entries);
	vg_free(ps);
}

size_t vg_pfxset_count(const struct vg_pfxset *ps)
{
	return ps->n_entries;
}

static void prefix_str(const struct vg_prefix *p, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];

	if ((p->family != AF_INET && p->family != AF_INET6) ||
	    inet_ntop(p->family, p->addr, a, sizeof(a)) == NULL)
		snprintf(a, sizeof(a), "(family %u)", p->family);
	snprintf(buf, len, "%s/%u", a, p->len);
}

int vg_pfxset_add(struct vg_pfxset *ps, const struct vg_prefix *p, uint8_t ge,
		  uint8_t le, uint32_t set_id, struct vg_error *err)
{
	unsigned int max, lo, hi;
	int fi = family_index(p->family, &max);
	char buf[INET6_ADDRSTRLEN + 24];
	uint32_t node;

	prefix_str(p, buf, sizeof(buf));
	if (fi < 0 || p->len > max) {
		vg_error_set(err, "prefix %s: invalid prefix", buf);
		return -1;
	}
	if ((ge && (ge <= p->len || ge > max)) ||
	    (le && (le <= p->len || le > max)) || (ge && le && ge > le)) {
		vg_error_set(
			err,
			"prefix %s ge %u le %u: invalid range, make sure len < ge <= le <= %u",
			buf, ge, le, max);
		return -1;
	}
	if (set_id == VG_PFXSET_NONE) {
		vg_error_set(err, "prefix %s: invalid set id", buf);
		return -1;
	}
	lo = ge ? ge : p->len;
	hi = le ? le : ge ? max : p->len;

	if (ps->root[fi] == VG_NONE) {
		ps->root[fi] = node_new(ps);
		if (ps->root[fi] == VG_NONE)
			goto oom;
	}
	node = ps->root[fi];
	for (unsigned int i = 0; i < p->len; i++) {
		unsigned int b = bit_at(p->addr, i);
		uint32_t next = ps->nodes[node].child[b];

		if (next == VG_NONE) {
			next = node_new(ps);
			if (next == VG_NONE)
				goto oom;
			ps->nodes[node].child[b] = next;
		}
		node = next;
	}

	if (ps->n_entries == ps->cap_entries) {
		uint32_t cap = ps->cap_entries ? 2 * ps->cap_entries : 16;
		struct pfx_entry *e;

		if (cap >= VG_NONE / 2)
			goto oom;
		e = vg_realloc(ps->entries, cap * sizeof(*e));
		if (e == NULL)
			goto oom;
		ps->entries = e;
		ps->cap_entries = cap;
	}
	ps->entries[ps->n_entries] = (struct pfx_entry){
		.lo = (uint8_t)lo,
		.hi = (uint8_t)hi,
		.set_id = set_id,
		.next = ps->nodes[node].entries,
	};
	ps->nodes[node].entries = ps->n_entries++;
	return 0;

oom:
	vg_error_set(err, "prefix %s: out of memory", buf);
	return -1;
}

uint32_t vg_pfxset_lookup(const struct vg_pfxset *ps, const struct vg_prefix *p)
{
	return vg_pfxset_lookup_len(ps, p, NULL);
}

uint32_t vg_pfxset_lookup_len(const struct vg_pfxset *ps,
			      const struct vg_prefix *p, uint8_t *len)
{
	unsigned int max, depth = 0;
	int fi = family_index(p->family, &max);
	uint32_t node, best = VG_PFXSET_NONE;

	if (fi < 0 || p->len > max)
		return VG_PFXSET_NONE;
	node = ps->root[fi];
	while (node != VG_NONE) {
		uint32_t found = VG_PFXSET_NONE;

		/*
		 * Entries at this depth are more specific than any seen so
		 * far; among themselves the lowest set id wins.
		 */
		for (uint32_t e = ps->nodes[node].entries; e != VG_NONE;
		     e = ps->entries[e].next) {
			const struct pfx_entry *en = &ps->entries[e];

			if (en->lo <= p->len && p->len <= en->hi &&
			    en->set_id < found)
				found = en->set_id;
		}
		if (found != VG_PFXSET_NONE) {
			best = found;
			if (len)
				*len = (uint8_t)depth;
		}
		if (depth == p->len)
			break;
		node = ps->nodes[node].child[bit_at(p->addr, depth)];
		depth++;
	}
	return best;
}
