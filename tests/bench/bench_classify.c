// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Microbenchmark of the core: configuration compile time and classify cost.
 *
 * Builds a configuration with 100k devices (an IPv4 and an IPv6 neighbor
 * address and a BGP router-id each), 10k AS attributions, 50 vendors (3
 * flagged) and one trusted tagging domain; then classifies 1M paths with a
 * 6-hop AS path and 8 large communities from a random neighbor of the
 * inventory.  It prints figures only; there is no pass/fail.
 *
 *   gcc -std=gnu11 -O2 -Iplugin/core tests/bench/bench_classify.c \
 *       plugin/core/vg_*.c -o bench_classify && ./bench_classify [paths]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vg_classify.h"

#define N_DEVICES 100000
#define N_ASNS 10000
#define N_VENDORS 50
#define POOL 65536 /* distinct prepared paths, reused round-robin */
#define HOPS 6
#define LCOMMS 8
#define DOMAIN_GA 65000u

static uint64_t rng_state = 0x2545F4914F6CDD1DULL;

static uint32_t rnd(void)
{
	/* xorshift64*: deterministic, good enough for a workload. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ASN number k of the attributed set: a mix of 2-byte and 4-byte ASNs. */
static uint32_t attributed_asn(uint32_t k)
{
	return k % 2 ? 1000 + k : 200000 + k * 7;
}

static void device_addrs(uint32_t i, struct vg_addr a[2])
{
	memset(a, 0, 2 * sizeof(*a));
	a[0].family = AF_INET;
	a[0].addr[0] = 10;
	a[0].addr[1] = (uint8_t)(i >> 16);
	a[0].addr[2] = (uint8_t)(i >> 8);
	a[0].addr[3] = (uint8_t)i;
	a[1].family = AF_INET6;
	a[1].addr[0] = 0x20;
	a[1].addr[1] = 0x01;
	a[1].addr[2] = 0x0d;
	a[1].addr[3] = 0xb8;
	a[1].addr[13] = (uint8_t)(i >> 16);
	a[1].addr[14] = (uint8_t)(i >> 8);
	a[1].addr[15] = (uint8_t)i;
}

static struct vg_config *build(double *t_record, double *t_build)
{
	struct vg_config_builder *b = vg_config_builder_new();
	char vnames[N_VENDORS][16], name[32];
	const char *vn[3];
	struct vg_config *cfg;
	struct vg_error err;
	uint32_t members[] = {64600, 64601, 64602};
	double t0 = now();

	for (int v = 0; v < N_VENDORS; v++) {
		snprintf(vnames[v], sizeof(vnames[v]), "vendor%d", v);
		vg_config_builder_add_vendor(b, vnames[v], 100 + (uint32_t)v,
					     v < 3);
	}
	for (uint32_t i = 0; i < N_DEVICES; i++) {
		struct vg_addr a[2];
		struct vg_equipment_spec spec = {
			.name = name,
			.vendor = vnames[i % N_VENDORS],
			.nbrs = a,
			.n_nbrs = 2,
			.bgp_rid = 0x64000000u + i,
		};

		snprintf(name, sizeof(name), "dev%u.pop%u", i, i % 97);
		device_addrs(i, a);
		vg_config_builder_add_equipment(b, &spec);
	}
	for (uint32_t k = 0; k < N_ASNS; k++) {
		size_t n = 1 + k % 3;

		/* Flagged vendors appear in about 1 AS in 100. */
		for (size_t j = 0; j < n; j++)
			vn[j] = vnames[k % 100 == 0
					       ? j
					       : 3 + (k * 7 + j * 13) %
								 (N_VENDORS -
								  3)];
		vg_config_builder_add_as_attribution(b, attributed_asn(k), vn,
						     n);
	}
	vg_config_builder_add_domain(b, DOMAIN_GA, true, 1, 2, members, 3);
	vg_config_builder_set_local(b, 64600, 0, vnames[5]);
	*t_record = now() - t0;

	t0 = now();
	cfg = vg_config_build(b, &err);
	*t_build = now() - t0;
	if (cfg == NULL) {
		fprintf(stderr, "build failed: %s\n", err.msg);
		exit(1);
	}
	vg_config_builder_free(b);
	return cfg;
}

struct prepared {
	struct vg_path path;
	struct vg_aspath_seg seg;
	uint32_t asns[HOPS];
	uint8_t lcomm[LCOMMS * VG_LCOMM_SIZE];
};

/*
 * A realistic mix: neighbor from the inventory (1 in 50 unknown), 6 hops of
 * which 97% are attributed ASNs, 8 communities of which 2 are our domain's
 * tags (from a neighbor inside the domain for 1 path in 4).
 */
static void prepare(struct prepared *p, uint32_t n_peers)
{
	uint32_t dev = rnd() % n_peers;

	memset(p, 0, sizeof(*p));
	{
		struct vg_addr a[2];

		device_addrs(dev, a);
		p->path.nbr_addr = a[rnd() % 2];
	}
	if (rnd() % 50 == 0)
		p->path.nbr_addr.addr[0] = 11; /* not in the inventory */
	p->path.nbr_router_id = 0x64000000u + dev;
	for (int h = 0; h < HOPS; h++)
		p->asns[h] = rnd() % 100 < 97 ? attributed_asn(rnd() % N_ASNS)
					      : 300000 + rnd() % 1000;
	p->path.nbr_peer_as = rnd() % 4 == 0 ? 64601 : p->asns[0];
	p->seg.type = VG_AS_SEQUENCE;
	p->seg.count = HOPS;
	p->seg.asns = p->asns;
	p->path.segs = &p->seg;
	p->path.n_segs = 1;
	for (int c = 0; c < LCOMMS; c++) {
		uint8_t *w = p->lcomm + c * VG_LCOMM_SIZE;

		if (c == 0)
			vg_lcomm_put(w, DOMAIN_GA, 1, 100 + rnd() % N_VENDORS);
		else if (c == 1)
			vg_lcomm_put(w, DOMAIN_GA, 2, p->asns[1]);
		else
			vg_lcomm_put(w, p->asns[rnd() % HOPS], rnd() % 1000,
				     rnd() % 100);
	}
	p->path.lcomm = p->lcomm;
	p->path.n_lcomm = LCOMMS;
}

static size_t config_bytes(const struct vg_config *cfg)
{
	const struct vg_inventory *inv = &cfg->inv;
	size_t eslots = (size_t)1 << inv->equip_bits;
	size_t nslots = (size_t)1 << inv->nbr_bits;
	size_t aslots = (size_t)1 << inv->as_bits;

	return sizeof(*cfg) + inv->cap_equip * sizeof(*inv->equip) +
	       inv->names_cap + inv->cap_nbrs * sizeof(*inv->nbrs) +
	       nslots * (sizeof(*inv->v4) + sizeof(*inv->v6)) +
	       eslots * (2 * sizeof(*inv->bgp_rid) + sizeof(*inv->name_tab)) +
	       aslots * sizeof(*inv->as_tab) +
	       inv->cap_as * sizeof(*inv->as_vsets);
}

static void run(const struct vg_config *cfg, struct prepared *pool,
		long n_paths, uint32_t n_peers)
{
	long counts[3] = {0};
	const int rounds = 5;
	double best = 1e9, t0, t;

	for (int i = 0; i < POOL; i++)
		prepare(&pool[i], n_peers);
	/* Warm-up, then the best of a few rounds. */
	for (long i = 0; i < POOL; i++) {
		struct vg_verdict v;

		vg_classify(cfg, &pool[i].path, &v);
	}
	for (int r = 0; r < rounds; r++) {
		t0 = now();
		for (long i = 0; i < n_paths; i++) {
			struct vg_verdict v;

			vg_classify(cfg, &pool[i & (POOL - 1)].path, &v);
			counts[v.verdict]++;
		}
		t = now() - t0;
		if (t < best)
			best = t;
	}
	printf("classify (neighbors among %u devices): %ld paths, %d hops, %d large communities\n",
	       n_peers, n_paths, HOPS, LCOMMS);
	printf("  best of %d rounds %.1f ms = %.1f ns/path; clean %ld, tainted %ld, unknown %ld\n",
	       rounds, best * 1e3, best * 1e9 / (double)n_paths,
	       counts[VG_CLEAN] / rounds, counts[VG_TAINTED] / rounds,
	       counts[VG_UNKNOWN] / rounds);
}

int main(int argc, char **argv)
{
	long n_paths = argc > 1 ? atol(argv[1]) : 1000000;
	double t_record, t_build;
	struct prepared *pool = malloc(POOL * sizeof(*pool));
	struct vg_config *cfg;

	cfg = build(&t_record, &t_build);
	printf("config: %d devices, %d neighbor addresses, %d attributed ASNs, %d vendors\n",
	       N_DEVICES, 2 * N_DEVICES, N_ASNS, N_VENDORS);
	printf("config: record %.1f ms, compile %.1f ms, %.1f MiB\n",
	       t_record * 1e3, t_build * 1e3,
	       (double)config_bytes(cfg) / (1024 * 1024));

	/*
	 * Two workloads: neighbors drawn from all 100k devices (every lookup
	 * misses the cache: a worst case), and from 1000 peers (a large but
	 * real bgpd).
	 */
	run(cfg, pool, n_paths, N_DEVICES);
	run(cfg, pool, n_paths, 1000);
	printf("verdict: %zu bytes per stored path\n",
	       sizeof(struct vg_verdict));

	vg_config_free(cfg);
	free(pool);
	return 0;
}
