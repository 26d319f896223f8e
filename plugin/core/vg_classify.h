// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the classifier (spec §2 and §3).
 *
 * vg_classify() computes the vendor set V and the verdict of one received
 * BGP path from the facts the glue extracts: the neighbor (address, peer AS,
 * router-id), the AS path segments and the raw large communities.  It reads
 * a compiled struct vg_config, never allocates, never compares strings, and
 * touches caller memory only through the pointers in struct vg_path.
 *
 * The rules, as implemented:
 *  - V = vendor of the neighbor's equipment
 *        + vendors of trusted vendor tags (GA:F1:PEN, GA trusted, neighbor
 *          inside GA, PEN registered)
 *        + vendors attributed to any ASN of the AS path (every segment type,
 *          including our own AS if it has an attribution).
 *  - The neighbor's equipment is found by neighbor address, else by the
 *    neighbor's BGP router-id.  The address wins if both match devices.
 *  - Covered = neighbor equipment known
 *        AND every ASN of the AS path other than our own (local AS and
 *            confederation identifier) has an attribution entry or a trusted
 *            attestation tag (GA:F2:ASN, GA trusted, neighbor inside GA)
 *        AND no AS_SET / AS_CONFED_SET hides such an uncovered ASN (reported
 *            separately, the path is uncovered either way).
 *  - Confederation segments: their member ASNs are treated like any other
 *    ASN.  They contribute attributions to V and need coverage (an
 *    attribution or an attestation from a confederation peer inside the
 *    domain).  Only the local AS and the confederation identifier are
 *    exempt.  This fails closed: a sub-AS nobody describes is unknown.
 *  - Segments of an unknown type are treated like AS_SEQUENCE.
 *  - A trusted vendor tag whose PEN is not in the registry adds nothing to V
 *    but sets VG_R_UNKNOWN_VENDOR, and such a path is never clean ("an
 *    unknown vendor never counts as clean"): it is tainted if V has a
 *    flagged vendor, else unknown.
 *  - Forged tags (trusted domain, neighbor outside it) are ignored and
 *    counted; the glue removes them with vg_tag_strip_mark(VG_STRIP_FORGED).
 *    Tags of untrusted domains and tags with other function numbers are
 *    ignored.
 *  - Verdict: tainted if V intersects the flagged vendors; else clean if
 *    covered and no unknown vendor; else unknown.
 *  - A path with nbr_addr.family == 0 is locally originated: there is no
 *    neighbor equipment to find and the neighbor condition holds.
 *
 * Cost: one or two hash probes for the neighbor, one per tag (plus one member
 * lookup per domain seen), one per distinct consecutive ASN.  A 255-hop path
 * with thousands of tags is handled within fixed stack space.
 */
#ifndef VG_CLASSIFY_H
#define VG_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>

#include "vg_config.h"
#include "vg_inventory.h"
#include "vg_vset.h"

/* AS path segment types, as on the wire and in FRR's bgp_aspath.h. */
#define VG_AS_SET 1
#define VG_AS_SEQUENCE 2
#define VG_AS_CONFED_SEQUENCE 3
#define VG_AS_CONFED_SET 4

struct vg_aspath_seg {
	uint8_t type;
	uint16_t count;
	const uint32_t *asns; /* count 4-byte ASNs */
};

/* The facts of one path.  All pointers are into caller memory. */
struct vg_path {
	struct vg_addr nbr_addr; /* family 0 = locally originated */
	uint32_t nbr_peer_as;
	uint32_t nbr_router_id; /* host byte order, 0 = unknown */
	const struct vg_aspath_seg *segs;
	size_t n_segs;
	const uint8_t *lcomm; /* n_lcomm * 12 bytes, RFC 8092 wire format */
	size_t n_lcomm;
};

/* Verdicts.  Zero is unknown, so that a zeroed verdict fails closed. */
#define VG_UNKNOWN 0
#define VG_CLEAN 1
#define VG_TAINTED 2

/* Reason flags: what matched ... */
#define VG_R_BY_NBR_ADDR 0x0001	 /* equipment found by neighbor address */
#define VG_R_BY_ROUTER_ID 0x0002 /* equipment found by BGP router-id */
#define VG_R_TRUSTED_TAG 0x0004	 /* a trusted vendor tag added to V */
#define VG_R_ATTESTED 0x0008	 /* an ASN was covered by attestation */
#define VG_R_AS_ATTRIB 0x0010	 /* an AS attribution matched */
#define VG_R_LOCAL 0x0020	 /* locally originated path */
/* ... and why the path is not covered ... */
#define VG_R_NBR_UNKNOWN 0x0100	   /* neighbor not in the inventory */
#define VG_R_AS_UNCOVERED 0x0200   /* see first_uncovered_as */
#define VG_R_ASSET_UNKNOWN 0x0400  /* an AS_SET holds an uncovered ASN */
#define VG_R_UNKNOWN_VENDOR 0x0800 /* trusted tag with unregistered PEN */
#define VG_R_NOT_COVERED_MASK 0x0f00
/* ... and what the glue has to act on. */
#define VG_R_FORGED 0x1000 /* forged tags present, see forged */

/*
 * The result for one path: 48 bytes, stored by the glue with the path.
 * Vendor ids are those of the configuration that produced the verdict.
 */
struct vg_verdict {
	struct vg_vset vendors;
	uint32_t first_uncovered_as; /* valid with VG_R_AS_UNCOVERED */
	uint32_t first_unknown_pen;  /* valid with VG_R_UNKNOWN_VENDOR */
	uint16_t reasons;	     /* VG_R_* */
	uint16_t forged;	     /* forged tags, saturating at 65535 */
	uint16_t entry_vendor;	     /* neighbor equipment's vendor or
				      * VG_VENDOR_NONE */
	uint8_t verdict;	     /* VG_CLEAN, VG_TAINTED, VG_UNKNOWN */
};

/* Classify one path.  out is fully written.  See the rules above. */
void vg_classify(const struct vg_config *cfg, const struct vg_path *path,
		 struct vg_verdict *out);

/* "clean", "tainted" or "unknown". */
const char *vg_verdict_str(uint8_t verdict);

#define VG_EGRESS_MAX_TAGS 3

/*
 * The tags this router adds when it advertises a path to a neighbor inside
 * domain index `domain` (spec §3 egress), written to wire, which has room
 * for VG_EGRESS_MAX_TAGS * 12 bytes:
 *  - GA:F1:PEN of the equipment the path entered through (v->entry_vendor),
 *    if known;
 *  - GA:F1:PEN of this router's own vendor, if configured and different;
 *  - GA:F2:local-AS, if the local AS is set and this router knows the
 *    device the path entered through (or the path is local).  A router does
 *    not attest its AS's part of a path that came from unknown equipment.
 * v == NULL means a locally originated path.  Returns the number of tags
 * written, or -1 if domain is not a valid domain index.  The path's other
 * tags are left to the caller (it keeps them, or strips them with
 * vg_tag_strip_mark()).
 */
int vg_egress_tags(const struct vg_config *cfg, int domain,
		   const struct vg_verdict *v, uint8_t *wire);

#endif /* VG_CLASSIFY_H */
