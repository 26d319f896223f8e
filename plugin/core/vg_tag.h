// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: tagging domains and the tag codec (spec §3).
 *
 * Tags are BGP large communities (RFC 8092): 12 bytes on the wire, three
 * big-endian u32 (global administrator, local data 1, local data 2).  A
 * tagging domain is named by its global-administrator ASN (GA) and has two
 * function numbers (default 1 and 2):
 *   GA:F1:PEN  vendor tag: inside domain GA the path crossed vendor PEN;
 *   GA:F2:ASN  attestation tag: AS ASN's part of the path is attested.
 * A domain is trusted or not, and has member ASNs.  A BGP neighbor is
 * "inside" a domain when its peer AS is a member; GA itself always is.
 *
 * Decisions (see also vg_classify.h):
 *  - Only F1 and F2 tags belong to a domain.  Other large communities with
 *    the domain's GA (an operator's own scheme, e.g. customer signalling
 *    communities) are left alone: never used, never counted, never stripped.
 *  - A forged tag is an F1/F2 tag of a trusted domain received from a
 *    neighbor outside that domain.  It is ignored and reported for removal.
 *  - F1/F2 tags of an untrusted domain are ignored; they are removed only if
 *    the caller asks for it (VG_STRIP_UNTRUSTED).
 *
 * The domain table is a fixed array (at most VG_MAX_DOMAINS); only member
 * lists are allocated.  Decoding and stripping never allocate.
 */
#ifndef VG_TAG_H
#define VG_TAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vg_util.h"

#define VG_LCOMM_SIZE 12
#define VG_MAX_DOMAINS 64
#define VG_DEFAULT_F_VENDOR 1
#define VG_DEFAULT_F_ATTEST 2

#define VG_DOMAIN_BITS 7 /* 128 slots for at most 64 domains */

struct vg_domain {
	uint32_t ga;
	uint32_t f_vendor; /* F1 */
	uint32_t f_attest; /* F2 */
	bool trusted;
	uint32_t n_members;
	uint32_t *members; /* sorted, unique, always contains ga */
};

struct vg_domains {
	struct vg_domain dom[VG_MAX_DOMAINS];
	unsigned int count;
	uint8_t slot[1u << VG_DOMAIN_BITS]; /* domain index + 1, 0 = empty */
};

void vg_domains_init(struct vg_domains *d);
void vg_domains_free(struct vg_domains *d);

/*
 * Add a domain named by ga.  members[0..n) are the member ASNs (ga is added
 * if missing; duplicates are fine).  f_vendor and f_attest must differ.
 * Returns the domain index, or -1 with err set ("domain 65000: ...") when ga
 * is already a domain, the function numbers clash, there are too many
 * domains, or memory runs out.
 */
int vg_domains_add(struct vg_domains *d, uint32_t ga, bool trusted,
		   uint32_t f_vendor, uint32_t f_attest,
		   const uint32_t *members, size_t n_members,
		   struct vg_error *err);

/* Domain index for a GA, or -1. */
static inline int vg_domains_find(const struct vg_domains *d, uint32_t ga)
{
	uint32_t mask = (1u << VG_DOMAIN_BITS) - 1;

	for (uint32_t i = vg_hash32(ga, VG_DOMAIN_BITS);; i = (i + 1) & mask) {
		uint8_t s = d->slot[i];

		if (s == 0)
			return -1;
		if (d->dom[s - 1].ga == ga)
			return s - 1;
	}
}

/* True if asn is a member of dom (binary search). */
bool vg_domain_has_member(const struct vg_domain *dom, uint32_t asn);

/*
 * Bitmask of the domains (bit i = domain index i) whose members include
 * peer_as, i.e. the domains a neighbor with that peer AS is inside.  The glue
 * uses it on egress to choose which domains to tag for and which to strip.
 */
uint64_t vg_domains_peer_mask(const struct vg_domains *d, uint32_t peer_as);

/* One large community, host byte order. */
struct vg_lcomm {
	uint32_t ga, l1, l2;
};

/* Read the i-th large community of a wire array. */
static inline struct vg_lcomm vg_lcomm_get(const uint8_t *wire, size_t i)
{
	const uint8_t *p = wire + i * VG_LCOMM_SIZE;
	struct vg_lcomm c = {vg_get_be32(p), vg_get_be32(p + 4),
			     vg_get_be32(p + 8)};

	return c;
}

/* Write one large community at wire (12 bytes). */
static inline void vg_lcomm_put(uint8_t *wire, uint32_t ga, uint32_t l1,
				uint32_t l2)
{
	vg_put_be32(wire, ga);
	vg_put_be32(wire + 4, l1);
	vg_put_be32(wire + 8, l2);
}

enum vg_tag_kind {
	VG_TAG_FOREIGN = 0, /* GA is not a configured domain */
	VG_TAG_OTHER,	    /* a domain's GA with another function number */
	VG_TAG_VENDOR,	    /* GA:F1:PEN */
	VG_TAG_ATTEST,	    /* GA:F2:ASN */
};

struct vg_tag {
	enum vg_tag_kind kind;
	int domain;	/* domain index, -1 for VG_TAG_FOREIGN */
	uint32_t value; /* PEN or ASN (local data 2) */
};

/* Decode one large community against the domain table. */
static inline enum vg_tag_kind
vg_tag_decode(const struct vg_domains *d, struct vg_lcomm c, struct vg_tag *tag)
{
	int di = d->count ? vg_domains_find(d, c.ga) : -1;

	tag->domain = di;
	tag->value = c.l2;
	if (di < 0)
		tag->kind = VG_TAG_FOREIGN;
	else if (c.l1 == d->dom[di].f_vendor)
		tag->kind = VG_TAG_VENDOR;
	else if (c.l1 == d->dom[di].f_attest)
		tag->kind = VG_TAG_ATTEST;
	else
		tag->kind = VG_TAG_OTHER;
	return tag->kind;
}

/*
 * Per-path cache of "is the neighbor inside domain i", so that a path with
 * thousands of tags costs at most one member lookup per domain.  Initialise
 * with vg_tag_peer_init() and query with vg_tag_peer_inside().
 */
struct vg_tag_peer {
	const struct vg_domains *d;
	uint32_t peer_as;
	uint64_t known;
	uint64_t inside;
};

static inline void vg_tag_peer_init(struct vg_tag_peer *p,
				    const struct vg_domains *d,
				    uint32_t peer_as)
{
	p->d = d;
	p->peer_as = peer_as;
	p->known = 0;
	p->inside = 0;
}

static inline bool vg_tag_peer_inside(struct vg_tag_peer *p, int di)
{
	uint64_t bit = UINT64_C(1) << di;

	if (!(p->known & bit)) {
		p->known |= bit;
		if (vg_domain_has_member(&p->d->dom[di], p->peer_as))
			p->inside |= bit;
	}
	return (p->inside & bit) != 0;
}

/* Encode our tags of domain dom at wire (12 bytes). */
static inline void vg_tag_encode_vendor(const struct vg_domain *dom,
					uint32_t pen, uint8_t *wire)
{
	vg_lcomm_put(wire, dom->ga, dom->f_vendor, pen);
}

static inline void vg_tag_encode_attest(const struct vg_domain *dom,
					uint32_t asn, uint8_t *wire)
{
	vg_lcomm_put(wire, dom->ga, dom->f_attest, asn);
}

/* What vg_tag_strip_mark() marks; combine with |. */
#define VG_STRIP_FORGED 0x1u	/* ingress: trusted-domain tags, peer outside */
#define VG_STRIP_UNTRUSTED 0x2u /* tags of untrusted domains, any peer */
#define VG_STRIP_OUTSIDE 0x4u	/* egress: tags of any domain, peer outside */

/* Words of a bitmap with one bit per large community. */
#define VG_BITMAP_WORDS(n) (((n) + 63) / 64)

/*
 * Mark the large communities wire[0..n) that must be removed for a neighbor
 * with peer AS peer_as (the sender on ingress, the receiver on egress).
 * what is a mask of VG_STRIP_*.  If bitmap is not NULL, it must hold
 * VG_BITMAP_WORDS(n) words; bit i is set for each marked entry and cleared
 * for the others.  Returns the number of marked entries.  No allocation.
 */
size_t vg_tag_strip_mark(const struct vg_domains *d, const uint8_t *wire,
			 size_t n, uint32_t peer_as, unsigned int what,
			 uint64_t *bitmap);

/*
 * Copy the entries of in[0..n) whose bit is clear in bitmap to out, in
 * order, and return their number.  out may be equal to in (compaction in
 * place); otherwise the two must not overlap.
 */
size_t vg_tag_compact(const uint8_t *in, size_t n, const uint64_t *bitmap,
		      uint8_t *out);

#endif /* VG_TAG_H */
