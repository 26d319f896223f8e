// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: arbitrary bytes as AS path segments and large
 * communities, fed to vg_classify(), vg_tag_strip_mark(), vg_tag_compact()
 * and vg_egress_tags() against a fixed small configuration.
 *
 * Build and run from the repository root (about 60 s):
 *   clang -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -Iplugin/core tests/fuzz/fuzz_classify.c plugin/core/vg_alloc.c \
 *       plugin/core/vg_registry.c plugin/core/vg_inventory.c \
 *       plugin/core/vg_tag.c plugin/core/vg_config.c \
 *       plugin/core/vg_classify.c -o /tmp/fuzz_classify
 *   mkdir -p /tmp/fuzz-corpus
 *   /tmp/fuzz_classify -max_total_time=60 -max_len=16384 /tmp/fuzz-corpus
 *
 * Input layout (everything is optional; short input ends the path early):
 *   byte 0      neighbor selector (low 3 bits pick one of 8 addresses,
 *               bit 3 selects IPv6); byte 1..4 peer AS; byte 5 segment count
 *   per segment: type (1 byte), count (1 byte), count * 4-byte ASNs
 *   the rest:   large communities, 12 bytes each (a trailing partial one
 *               is dropped)
 * Invariants checked: the verdict is one of the three values; tainted iff V
 * meets the flagged set; clean implies no "not covered" reason; the strip
 * pass finds exactly as many forged tags as the classifier counted (up to
 * saturation); compaction keeps the unmarked ones.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vg_classify.h"

#define MAX_SEGS 64

static struct vg_config *cfg;

static struct vg_config *make_config(void)
{
	static const char *const v_juniper[] = {"juniper"};
	static const char *const v_huawei[] = {"huawei", "cisco"};
	static const uint32_t members[] = {65002, 4200000000u};
	struct vg_config_builder *b = vg_config_builder_new();
	struct vg_config *c;
	struct vg_error err;
	char name[16];

	vg_config_builder_add_vendor(b, "cisco", 9, false);
	vg_config_builder_add_vendor(b, "juniper", 2636, false);
	vg_config_builder_add_vendor(b, "huawei", 2011, true);
	for (uint8_t i = 0; i < 8; i++) {
		struct vg_addr a[2] = {{AF_INET, {10, 0, 0, i}},
				       {AF_INET6, {0x20, 0x01, [15] = i}}};
		struct vg_equipment_spec spec = {
			.name = name,
			.vendor = i % 3 == 0 ? "huawei" : "juniper",
			.nbrs = a,
			.n_nbrs = i == 7 ? 0 : 2, /* r7: known by router-id */
			.bgp_rid = 0x0a000100u + i,
		};

		snprintf(name, sizeof(name), "r%u", i);
		vg_config_builder_add_equipment(b, &spec);
	}
	for (uint32_t asn = 1; asn < 64; asn += 2)
		vg_config_builder_add_as_attribution(b, asn, v_juniper, 1);
	vg_config_builder_add_as_attribution(b, 4134, v_huawei, 2);
	vg_config_builder_add_domain(b, 65000, true, 1, 2, members, 2);
	vg_config_builder_add_domain(b, 65100, false, 1, 2, NULL, 0);
	vg_config_builder_add_domain(b, 0, true, 0, 4294967295u, members, 1);
	vg_config_builder_set_local(b, 65001, 65500, "juniper");
	c = vg_config_build(b, &err);
	vg_config_builder_free(b);
	if (c == NULL)
		abort();
	return c;
}

static uint32_t take32(const uint8_t **p, size_t *n)
{
	uint32_t v = 0;

	for (int i = 0; i < 4 && *n; i++, (*p)++, (*n)--)
		v = (v << 8) | **p;
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vg_aspath_seg segs[MAX_SEGS];
	uint32_t *asns;
	struct vg_path path;
	struct vg_verdict v;
	uint8_t sel, nseg, *lc;
	size_t n_asns = 0, n_lc;
	uint64_t *bm;
	uint8_t egress[VG_EGRESS_MAX_TAGS * VG_LCOMM_SIZE];

	if (cfg == NULL)
		cfg = make_config();
	if (size < 6)
		return 0;

	/* ASNs are copied to an aligned array of their own. */
	asns = malloc((size / 4 + 1) * sizeof(*asns));
	memset(&path, 0, sizeof(path));
	sel = data[0];
	data++, size--;
	path.nbr_addr.family = (sel & 8) ? AF_INET6 : AF_INET;
	if (sel & 8) {
		path.nbr_addr.addr[0] = 0x20;
		path.nbr_addr.addr[1] = 0x01;
		path.nbr_addr.addr[15] = sel & 7;
	} else {
		path.nbr_addr.addr[0] = 10;
		path.nbr_addr.addr[3] = sel & 7;
	}
	if (sel & 0x10)
		path.nbr_addr.family = 0; /* locally originated */
	if (sel & 0x20)
		path.nbr_addr.addr[1] = 99; /* unknown neighbor */
	path.nbr_router_id = 0x0a000100u + (sel >> 6) + 6;
	path.nbr_peer_as = take32(&data, &size);
	nseg = size ? *data++ : 0;
	if (size)
		size--;
	nseg %= MAX_SEGS;
	for (uint8_t s = 0; s < nseg && size >= 2; s++) {
		uint8_t count;

		segs[s].type = data[0];
		count = data[1];
		data += 2, size -= 2;
		if ((size_t)count * 4 > size)
			count = (uint8_t)(size / 4);
		segs[s].count = count;
		segs[s].asns = asns + n_asns;
		for (uint8_t i = 0; i < count; i++)
			asns[n_asns++] = take32(&data, &size);
		path.n_segs++;
	}
	path.segs = segs;

	/* The rest are large communities, in a buffer of their exact size. */
	n_lc = size / VG_LCOMM_SIZE;
	lc = malloc(n_lc * VG_LCOMM_SIZE + 1);
	memcpy(lc, data, n_lc * VG_LCOMM_SIZE);
	path.lcomm = lc;
	path.n_lcomm = n_lc;

	vg_classify(cfg, &path, &v);

	if (v.verdict != VG_CLEAN && v.verdict != VG_TAINTED &&
	    v.verdict != VG_UNKNOWN)
		abort();
	if ((v.verdict == VG_TAINTED) !=
	    vg_vset_intersects(&v.vendors, &cfg->reg.flagged))
		abort();
	if (v.verdict == VG_CLEAN && (v.reasons & VG_R_NOT_COVERED_MASK))
		abort();

	bm = malloc(VG_BITMAP_WORDS(n_lc) * sizeof(*bm) + 1);
	{
		size_t marked =
			vg_tag_strip_mark(&cfg->dom, lc, n_lc, path.nbr_peer_as,
					  VG_STRIP_FORGED, bm);
		size_t expect = marked > UINT16_MAX ? UINT16_MAX : marked;

		if (expect != v.forged)
			abort();
		if (vg_tag_compact(lc, n_lc, bm, lc) != n_lc - marked)
			abort();
	}
	vg_tag_strip_mark(&cfg->dom, lc, n_lc, path.nbr_peer_as,
			  VG_STRIP_OUTSIDE | VG_STRIP_UNTRUSTED, NULL);
	for (int d = -1; d <= (int)cfg->dom.count; d++)
		if (vg_egress_tags(cfg, d, &v, egress) > VG_EGRESS_MAX_TAGS)
			abort();

	free(bm);
	free(lc);
	free(asns);
	return 0;
}
