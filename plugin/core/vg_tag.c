// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: tagging domains and the tag codec (see vg_tag.h).
 */
#include <stdlib.h>
#include <string.h>

#include "vg_alloc.h"
#include "vg_tag.h"

void vg_domains_init(struct vg_domains *d)
{
	memset(d, 0, sizeof(*d));
}

void vg_domains_free(struct vg_domains *d)
{
	for (unsigned int i = 0; i < d->count; i++)
		vg_free(d->dom[i].members);
	vg_domains_init(d);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

int vg_domains_add(struct vg_domains *d, uint32_t ga, bool trusted,
		   uint32_t f_vendor, uint32_t f_attest,
		   const uint32_t *members, size_t n_members,
		   struct vg_error *err)
{
	struct vg_domain *dom;
	uint32_t *m, mask = (1u << VG_DOMAIN_BITS) - 1, i;
	size_t n = 0;

	if (vg_domains_find(d, ga) >= 0) {
		vg_error_set(err, "domain %u: defined twice", ga);
		return -1;
	}
	if (f_vendor == f_attest) {
		vg_error_set(
			err,
			"domain %u: vendor and attestation function numbers are both %u",
			ga, f_vendor);
		return -1;
	}
	if (d->count >= VG_MAX_DOMAINS) {
		vg_error_set(err, "domain %u: more than %d domains", ga,
			     VG_MAX_DOMAINS);
		return -1;
	}
	if (n_members >= UINT32_MAX - 1) {
		vg_error_set(err, "domain %u: too many members", ga);
		return -1;
	}
	m = vg_malloc((n_members + 1) * sizeof(*m));
	if (m == NULL) {
		vg_error_set(err, "domain %u: out of memory", ga);
		return -1;
	}
	if (n_members)
		memcpy(m, members, n_members * sizeof(*m));
	m[n_members] = ga;
	qsort(m, n_members + 1, sizeof(*m), cmp_u32);
	for (size_t j = 0; j <= n_members; j++)
		if (n == 0 || m[n - 1] != m[j])
			m[n++] = m[j];

	dom = &d->dom[d->count];
	dom->ga = ga;
	dom->trusted = trusted;
	dom->f_vendor = f_vendor;
	dom->f_attest = f_attest;
	dom->members = m;
	dom->n_members = (uint32_t)n;

	for (i = vg_hash32(ga, VG_DOMAIN_BITS); d->slot[i]; i = (i + 1) & mask)
		;
	d->slot[i] = (uint8_t)(d->count + 1);
	return (int)d->count++;
}

bool vg_domain_has_member(const struct vg_domain *dom, uint32_t asn)
{
	uint32_t lo = 0, hi = dom->n_members;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (dom->members[mid] < asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < dom->n_members && dom->members[lo] == asn;
}

uint64_t vg_domains_peer_mask(const struct vg_domains *d, uint32_t peer_as)
{
	uint64_t mask = 0;

	for (unsigned int i = 0; i < d->count; i++)
		if (vg_domain_has_member(&d->dom[i], peer_as))
			mask |= UINT64_C(1) << i;
	return mask;
}

size_t vg_tag_strip_mark(const struct vg_domains *d, const uint8_t *wire,
			 size_t n, uint32_t peer_as, unsigned int what,
			 uint64_t *bitmap)
{
	struct vg_tag_peer peer;
	struct vg_tag tag;
	size_t marked = 0;

	if (bitmap)
		memset(bitmap, 0, VG_BITMAP_WORDS(n) * sizeof(*bitmap));
	if (d->count == 0)
		return 0;
	vg_tag_peer_init(&peer, d, peer_as);

	for (size_t i = 0; i < n; i++) {
		bool strip = false;
		const struct vg_domain *dom;

		switch (vg_tag_decode(d, vg_lcomm_get(wire, i), &tag)) {
		case VG_TAG_VENDOR:
		case VG_TAG_ATTEST:
			break;
		case VG_TAG_FOREIGN:
		case VG_TAG_OTHER:
			continue;
		}
		dom = &d->dom[tag.domain];
		if ((what & VG_STRIP_UNTRUSTED) && !dom->trusted)
			strip = true;
		if ((what & (VG_STRIP_FORGED | VG_STRIP_OUTSIDE)) && !strip) {
			bool applies =
				(what & VG_STRIP_OUTSIDE) || dom->trusted;

			if (applies && !vg_tag_peer_inside(&peer, tag.domain))
				strip = true;
		}
		if (strip) {
			marked++;
			if (bitmap)
				bitmap[i / 64] |= UINT64_C(1) << (i % 64);
		}
	}
	return marked;
}

size_t vg_tag_compact(const uint8_t *in, size_t n, const uint64_t *bitmap,
		      uint8_t *out)
{
	size_t kept = 0;

	for (size_t i = 0; i < n; i++) {
		if ((bitmap[i / 64] >> (i % 64)) & 1)
			continue;
		if (out + kept * VG_LCOMM_SIZE != in + i * VG_LCOMM_SIZE)
			memmove(out + kept * VG_LCOMM_SIZE,
				in + i * VG_LCOMM_SIZE, VG_LCOMM_SIZE);
		kept++;
	}
	return kept;
}
