// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the classifier (see vg_classify.h for the rules).
 */
#include <string.h>

#include "vg_classify.h"
#include "vg_tag.h"

/*
 * Attested ASNs of one path are collected on the stack, up to this many.
 * Beyond it (an absurd path) the classifier falls back to re-scanning the
 * tags for each ASN it needs, which is slower but still correct.
 */
#define VG_ATTEST_MAX 256
/* Above this many attested ASNs, sort them and use binary search. */
#define VG_ATTEST_LINEAR 16

struct attest_set {
	uint32_t asn[VG_ATTEST_MAX];
	size_t n;
	bool overflow;
	bool sorted;
};

static void attest_sort(struct attest_set *a)
{
	/* Insertion sort: n is small, and it needs no allocation. */
	for (size_t i = 1; i < a->n; i++) {
		uint32_t v = a->asn[i];
		size_t j = i;

		while (j > 0 && a->asn[j - 1] > v) {
			a->asn[j] = a->asn[j - 1];
			j--;
		}
		a->asn[j] = v;
	}
	a->sorted = true;
}

static bool attest_has(const struct attest_set *a, uint32_t asn)
{
	if (!a->sorted) {
		for (size_t i = 0; i < a->n; i++)
			if (a->asn[i] == asn)
				return true;
		return false;
	}

	size_t lo = 0, hi = a->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->asn[mid] < asn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->n && a->asn[lo] == asn;
}

/*
 * True if the path carries a trusted, non-forged attestation tag for asn.
 * Only used after the stack set overflowed.
 */
static bool attest_scan(const struct vg_config *cfg, const struct vg_path *p,
			struct vg_tag_peer *peer, uint32_t asn)
{
	struct vg_tag tag;

	for (size_t i = 0; i < p->n_lcomm; i++) {
		if (vg_tag_decode(&cfg->dom, vg_lcomm_get(p->lcomm, i), &tag) !=
			    VG_TAG_ATTEST ||
		    tag.value != asn || !cfg->dom.dom[tag.domain].trusted)
			continue;
		if (vg_tag_peer_inside(peer, tag.domain))
			return true;
	}
	return false;
}

/* Step 1: the neighbor's equipment. */
static void classify_neighbor(const struct vg_config *cfg,
			      const struct vg_path *p, struct vg_verdict *out)
{
	uint32_t idx;

	if (p->nbr_addr.family == 0) {
		out->reasons |= VG_R_LOCAL;
		return;
	}
	idx = vg_inventory_by_addr(&cfg->inv, &p->nbr_addr);
	if (idx != VG_NONE) {
		out->reasons |= VG_R_BY_NBR_ADDR;
	} else {
		idx = vg_inventory_by_bgp_rid(&cfg->inv, p->nbr_router_id);
		if (idx != VG_NONE)
			out->reasons |= VG_R_BY_ROUTER_ID;
	}
	if (idx == VG_NONE) {
		out->reasons |= VG_R_NBR_UNKNOWN;
		return;
	}
	out->entry_vendor = vg_inventory_vendor(&cfg->inv, idx);
	vg_vset_add(&out->vendors, out->entry_vendor);
}

/* Step 2: the tags.  Collects attested ASNs into *att. */
static void classify_tags(const struct vg_config *cfg, const struct vg_path *p,
			  struct vg_tag_peer *peer, struct attest_set *att,
			  struct vg_verdict *out)
{
	unsigned int forged = 0;
	struct vg_tag tag;
	int vid;

	for (size_t i = 0; i < p->n_lcomm; i++) {
		enum vg_tag_kind kind = vg_tag_decode(
			&cfg->dom, vg_lcomm_get(p->lcomm, i), &tag);

		if (kind != VG_TAG_VENDOR && kind != VG_TAG_ATTEST)
			continue;
		if (!cfg->dom.dom[tag.domain].trusted)
			continue;
		if (!vg_tag_peer_inside(peer, tag.domain)) {
			forged++;
			continue;
		}
		if (kind == VG_TAG_ATTEST) {
			if (att->n < VG_ATTEST_MAX)
				att->asn[att->n++] = tag.value;
			else
				att->overflow = true;
			continue;
		}
		vid = vg_registry_by_pen(&cfg->reg, tag.value);
		if (vid >= 0) {
			vg_vset_add(&out->vendors, (unsigned int)vid);
			out->reasons |= VG_R_TRUSTED_TAG;
		} else if (!(out->reasons & VG_R_UNKNOWN_VENDOR)) {
			out->reasons |= VG_R_UNKNOWN_VENDOR;
			out->first_unknown_pen = tag.value;
		}
	}
	if (forged) {
		out->reasons |= VG_R_FORGED;
		out->forged =
			forged > UINT16_MAX ? UINT16_MAX : (uint16_t)forged;
	}
	if (att->n > VG_ATTEST_LINEAR)
		attest_sort(att);
}

/* Step 3: the AS path. */
static void classify_aspath(const struct vg_config *cfg,
			    const struct vg_path *p, struct vg_tag_peer *peer,
			    const struct attest_set *att,
			    struct vg_verdict *out)
{
	for (size_t s = 0; s < p->n_segs; s++) {
		const struct vg_aspath_seg *seg = &p->segs[s];
		bool is_set =
			seg->type == VG_AS_SET || seg->type == VG_AS_CONFED_SET;

		for (size_t i = 0; i < seg->count; i++) {
			uint32_t asn = seg->asns[i];
			const struct vg_vset *vs;

			/* Prepending repeats an ASN: same outcome. */
			if (i > 0 && asn == seg->asns[i - 1])
				continue;
			vs = vg_inventory_as_vendors(&cfg->inv, asn);
			if (vs) {
				vg_vset_union(&out->vendors, vs);
				out->reasons |= VG_R_AS_ATTRIB;
				continue;
			}
			if (asn == cfg->local_as ||
			    (cfg->confed_id && asn == cfg->confed_id))
				continue;
			if (attest_has(att, asn) ||
			    (att->overflow && attest_scan(cfg, p, peer, asn))) {
				out->reasons |= VG_R_ATTESTED;
				continue;
			}
			if (!(out->reasons & VG_R_AS_UNCOVERED)) {
				out->reasons |= VG_R_AS_UNCOVERED;
				out->first_uncovered_as = asn;
			}
			if (is_set)
				out->reasons |= VG_R_ASSET_UNKNOWN;
		}
	}
}

void vg_classify(const struct vg_config *cfg, const struct vg_path *p,
		 struct vg_verdict *out)
{
	struct vg_tag_peer peer;
	struct attest_set att;

	memset(out, 0, sizeof(*out));
	out->entry_vendor = VG_VENDOR_NONE;
	att.n = 0;
	att.overflow = false;
	att.sorted = false;
	vg_tag_peer_init(&peer, &cfg->dom, p->nbr_peer_as);

	classify_neighbor(cfg, p, out);
	if (cfg->dom.count && p->n_lcomm)
		classify_tags(cfg, p, &peer, &att, out);
	classify_aspath(cfg, p, &peer, &att, out);

	if (vg_vset_intersects(&out->vendors, &cfg->reg.flagged))
		out->verdict = VG_TAINTED;
	else if (out->reasons & VG_R_NOT_COVERED_MASK)
		out->verdict = VG_UNKNOWN;
	else
		out->verdict = VG_CLEAN;
}

const char *vg_verdict_str(uint8_t verdict)
{
	switch (verdict) {
	case VG_CLEAN:
		return "clean";
	case VG_TAINTED:
		return "tainted";
	default:
		return "unknown";
	}
}

int vg_egress_tags(const struct vg_config *cfg, int domain,
		   const struct vg_verdict *v, uint8_t *wire)
{
	const struct vg_domain *dom;
	const struct vg_vendor *vendor;
	uint16_t entry = v ? v->entry_vendor : VG_VENDOR_NONE;
	bool entry_known =
		v == NULL || (v->reasons & (VG_R_BY_NBR_ADDR |
					    VG_R_BY_ROUTER_ID | VG_R_LOCAL));
	int n = 0;

	if (domain < 0 || (unsigned int)domain >= cfg->dom.count)
		return -1;
	dom = &cfg->dom.dom[domain];

	vendor = vg_registry_get(&cfg->reg, entry);
	if (vendor)
		vg_tag_encode_vendor(dom, vendor->pen,
				     wire + VG_LCOMM_SIZE * n++);
	vendor = vg_registry_get(&cfg->reg, cfg->own_vendor);
	if (vendor && cfg->own_vendor != entry)
		vg_tag_encode_vendor(dom, vendor->pen,
				     wire + VG_LCOMM_SIZE * n++);
	if (cfg->local_as && entry_known)
		vg_tag_encode_attest(dom, cfg->local_as,
				     wire + VG_LCOMM_SIZE * n++);
	return n;
}
