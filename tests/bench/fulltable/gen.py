#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Generate the injector route set and the vendorguard inventory for the full-table bench.

Adapted from the anchor benchmark's generator (/work/shared/notes/bench-anchor/gen.py,
described in /work/shared/notes/anchor-benchmark.md).  The route set is byte-for-byte the
anchor's for the same N and seed (the random draws happen in the same order); the FRR
route-map snippets are replaced by vendorguard configuration.

Usage: gen.py N OUTDIR [--seed S] [--attrib K]

Outputs in OUTDIR:
  routes.conf        BIRD 2 static-route lines (one per prefix, per-route attribute block)
  vg_inventory.conf  vendor-guard lines: 30 vendors (huawei 2011 and zte 3902 flagged), the
                     injector as cisco equipment, AS attributions for the K (default 10000)
                     most popular ASNs of the pool plus the injector's AS 65001, trusted
                     tagging domain 65000 with member 65001
  vg_sensitive.conf  vendor-guard lines: sensitive-set bench (~10% of the routes), action demote
  flagged.txt        the 50 "flagged" ASNs of the anchor (here: attributed to huawei/zte)
  stats.json         generator statistics + expected verdict counts (spec section 2)
"""
import ipaddress, json, random, sys, os, bisect, itertools

N = int(sys.argv[1])
OUT = sys.argv[2]
SEED = 20240601
if '--seed' in sys.argv:
    SEED = int(sys.argv[sys.argv.index('--seed') + 1])
ATTRIB_K = 10000
if '--attrib' in sys.argv:
    ATTRIB_K = int(sys.argv[sys.argv.index('--attrib') + 1])
os.makedirs(OUT, exist_ok=True)
rng = random.Random(SEED)

# ---------------------------------------------------------------- ASN pool
POOL_SIZE = 70000
WELL_KNOWN_FLAGGED = [4134, 4809, 4837, 9808, 9929, 58453, 4538, 23764, 17621, 24400]
WK_RANKS = [20, 35, 50, 80, 120, 200, 300, 500, 800, 1200]   # popularity rank in transit draw
EXCLUDE = set(WELL_KNOWN_FLAGGED) | {0, 23456, 65001, 65002, 65003}
s16 = [a for a in range(1, 64496) if a not in EXCLUDE]
s32 = list(range(131072, 401309))
pool = rng.sample(s16, 45000 - len(WELL_KNOWN_FLAGGED)) + rng.sample(s32, 25000)
rng.shuffle(pool)                       # pool order == popularity rank
for a, r in sorted(zip(WELL_KNOWN_FLAGGED, WK_RANKS), key=lambda x: x[1]):
    pool.insert(r, a)
assert len(pool) == POOL_SIZE and len(set(pool)) == POOL_SIZE
# 40 further flagged ASNs: random pool members outside the top 1000
others = rng.sample(pool[1000:], 40)
FLAGGED = WELL_KNOWN_FLAGGED + others
FLAGSET = set(FLAGGED)

# transit-position popularity: Zipf-like over rank; origin: uniform over pool
w = [1.0 / (r + 5) ** 1.1 for r in range(POOL_SIZE)]
cum = list(itertools.accumulate(w))
tot = cum[-1]

def transit_asn():
    return pool[bisect.bisect_left(cum, rng.random() * tot)]

LEN_W = [3, 12, 20, 22, 17, 11, 7, 4, 2, 2]     # path length 1..10, mean 4.45
LEN_CUM = list(itertools.accumulate(LEN_W))

def path_len():
    return bisect.bisect_left(LEN_CUM, rng.random() * LEN_CUM[-1]) + 1

# ---------------------------------------------------------------- large communities (65000,1,PEN)
PENS = [(9, 20), (2636, 14), (2011, 6), (3902, 2), (6527, 8), (30065, 6), (25506, 3), (12356, 3),
        (14988, 3), (11, 3), (1991, 3), (6486, 3), (3375, 2), (2620, 2), (25461, 3), (8741, 1),
        (41112, 2), (19046, 1), (674, 2), (311, 2), (890, 1), (43, 1), (4526, 1), (5771, 2),
        (26928, 1), (10002, 1), (12325, 1), (9148, 1), (8072, 1), (2, 1)]
PEN_VALS = [p for p, _ in PENS]
PEN_CUM = list(itertools.accumulate(wt for _, wt in PENS))
FLAGGED_PENS = {2011, 3902}
LC_CNT_W = [30, 20, 15, 11, 8, 6, 4, 3, 3]     # 0..8 communities, mean ~2.1
LC_CNT_CUM = list(itertools.accumulate(LC_CNT_W))

def lcomms():
    k = bisect.bisect_left(LC_CNT_CUM, rng.random() * LC_CNT_CUM[-1])
    s = []
    while len(s) < k:
        p = PEN_VALS[bisect.bisect_left(PEN_CUM, rng.random() * PEN_CUM[-1])]
        if p not in s:
            s.append(p)
    return s

# ---------------------------------------------------------------- prefixes
RESERVED = [ipaddress.ip_network(x) for x in (
    '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
    '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24',
    '203.0.113.0/24', '224.0.0.0/3')]
RES = sorted((int(n.network_address), int(n.broadcast_address)) for n in RESERVED)
PLEN_W = [(24, 880), (23, 40), (22, 40), (21, 15), (20, 15), (19, 5), (18, 3), (17, 1), (16, 1)]
PLEN_V = [p for p, _ in PLEN_W]
PLEN_CUM = list(itertools.accumulate(wt for _, wt in PLEN_W))

def gen_prefixes(n):
    cur = 1 << 24           # 1.0.0.0
    out = []
    while len(out) < n:
        plen = PLEN_V[bisect.bisect_left(PLEN_CUM, rng.random() * PLEN_CUM[-1])]
        size = 1 << (32 - plen)
        cur = (cur + size - 1) & ~(size - 1)
        clash = False
        for lo, hi in RES:
            if cur <= hi and cur + size - 1 >= lo:
                cur = hi + 1
                clash = True
                break
        if clash:
            continue
        out.append((cur, plen))
        cur += size
    return out

prefixes = gen_prefixes(N)
last = prefixes[-1][0]

# ---------------------------------------------------------------- sensitive prefix-list (~10% of routes)
starts = [p for p, _ in prefixes]
sens_entries = []
covered = [False] * N
ncov = 0
span_lo, span_hi = prefixes[0][0], last
tries = 0
while ncov < 0.10 * N and tries < 100000:
    tries += 1
    plen = rng.choice([12, 13, 14, 14, 15, 15, 16, 16, 16])
    if N < 300000:
        plen += 2          # smaller table -> smaller blocks so ~10% is reachable with ~50 entries
    size = 1 << (32 - plen)
    base = rng.randrange(span_lo, span_hi + 1) & ~(size - 1)
    i = bisect.bisect_left(starts, base)
    j = bisect.bisect_left(starts, base + size)
    # a prefix-list entry 'base/plen le 24' only matches prefixes inside the block that are not shorter
    idxs = [k for k in range(i, j) if prefixes[k][1] >= plen]
    add = sum(1 for k in idxs if not covered[k])
    if add == 0 or ncov + add > 0.105 * N:
        continue
    for k in idxs:
        covered[k] = True
    ncov += add
    sens_entries.append((base, plen))
sens_entries.sort()

# ---------------------------------------------------------------- vendorguard inventory
# (own RNG, so the route set stays identical to the anchor's)
VENDOR_NAMES = {9: 'cisco', 2636: 'juniper', 2011: 'huawei', 3902: 'zte', 6527: 'nokia',
                30065: 'arista', 25506: 'h3c', 12356: 'fortinet', 14988: 'mikrotik', 11: 'hpe',
                1991: 'brocade', 6486: 'alcatel', 3375: 'f5', 2620: 'checkpoint', 25461: 'paloalto',
                8741: 'sonicwall', 41112: 'ubiquiti', 19046: 'lenovo', 674: 'dell', 311: 'microsoft',
                890: 'zyxel', 43: '3com', 4526: 'netgear', 5771: 'cisco-sb', 26928: 'aviat',
                10002: 'frogfoot', 12325: 'pfsense', 9148: 'acmepacket', 8072: 'net-snmp', 2: 'ibm'}
irng = random.Random(SEED + 1)
VID = {p: VENDOR_NAMES[p] for p in PEN_VALS}
attrib = {65001: {9}}                          # the injector's AS: cisco
for rank, a in enumerate(pool[:ATTRIB_K]):
    if a in WELL_KNOWN_FLAGGED:
        attrib[a] = {2011 if a % 2 else 3902}
    elif a in FLAGSET:
        attrib[a] = {2011}
    else:
        vs = {PEN_VALS[bisect.bisect_left(PEN_CUM, irng.random() * PEN_CUM[-1])]}
        if irng.random() < 0.15:                # some networks run two vendors
            vs.add(PEN_VALS[bisect.bisect_left(PEN_CUM, irng.random() * PEN_CUM[-1])])
        attrib[a] = vs
with open(os.path.join(OUT, 'vg_inventory.conf'), 'w') as f:
    for p in PEN_VALS:
        f.write('vendor-guard vendor %s pen %d%s\n' % (VID[p], p, ' flagged' if p in FLAGGED_PENS else ''))
    f.write('vendor-guard equipment inj vendor cisco\n')
    f.write('vendor-guard equipment inj neighbor 10.1.0.1\n')
    for a in sorted(attrib):
        for p in sorted(attrib[a]):
            f.write('vendor-guard as-attribution %d vendor %s\n' % (a, VID[p]))
    f.write('vendor-guard tagging-domain 65000 trusted\n')
    f.write('vendor-guard tagging-domain 65000 member-as 65001\n')
with open(os.path.join(OUT, 'vg_sensitive.conf'), 'w') as f:
    for b, pl in sens_entries:
        f.write('vendor-guard sensitive-set bench prefix %s/%d le 24\n' % (ipaddress.IPv4Address(b), pl))
    f.write('vendor-guard sensitive-set bench action demote\n')

# ---------------------------------------------------------------- emit routes
st = dict(N=N, seed=SEED, pool=POOL_SIZE, path_len_sum=0, lc_sum=0, with_flag_as=0, with_flag_lc=0,
          sensitive=ncov, policy_hits=0, plen_hist={}, max_lc=0, max_path=0,
          attrib_asns=len(attrib), vg_clean=0, vg_tainted=0, vg_unknown=0,
          vg_sens_tainted=0, vg_sens_clean=0, vg_sens_unknown=0)
with open(os.path.join(OUT, 'routes.conf'), 'w') as f:
    for idx, (addr, plen) in enumerate(prefixes):
        L = path_len()
        path = []
        while len(path) < L - 1:
            a = transit_asn()
            if a not in path:
                path.append(a)
        while True:
            o = pool[rng.randrange(POOL_SIZE)]
            if o not in path:
                break
        path.append(o)               # path[0] = neighbour side, path[-1] = origin
        lcs = lcomms()
        fa = any(a in FLAGSET for a in path)
        fl = any(p in FLAGGED_PENS for p in lcs)
        st['path_len_sum'] += L
        st['lc_sum'] += len(lcs)
        st['with_flag_as'] += fa
        st['with_flag_lc'] += fl
        st['policy_hits'] += covered[idx] and (fa or fl)
        # expected vendorguard verdict (spec section 2): V = {cisco} (equipment of 10.1.0.1)
        # + trusted tags (65000:1:PEN from member AS 65001) + attributions of the path's ASNs
        V = {9} | set(lcs)
        cov = True
        for a in path + [65001]:
            if a in attrib:
                V |= attrib[a]
            else:
                cov = False
        if V & FLAGGED_PENS:
            st['vg_tainted'] += 1
            st['vg_sens_tainted'] += covered[idx]
        elif cov:
            st['vg_clean'] += 1
            st['vg_sens_clean'] += covered[idx]
        else:
            st['vg_unknown'] += 1
            st['vg_sens_unknown'] += covered[idx]
        st['plen_hist'][plen] = st['plen_hist'].get(plen, 0) + 1
        st['max_lc'] = max(st['max_lc'], len(lcs))
        st['max_path'] = max(st['max_path'], L)
        body = ''.join('bgp_path.prepend(%d);' % a for a in reversed(path))
        body += ''.join('bgp_large_community.add((65000,1,%d));' % p for p in lcs)
        f.write('route %s/%d blackhole { %s };\n' % (ipaddress.IPv4Address(addr), plen, body))
st['mean_path_len'] = st['path_len_sum'] / N
st['mean_lc'] = st['lc_sum'] / N
st['last_prefix'] = str(ipaddress.IPv4Address(last))
st['sens_entries'] = len(sens_entries)
st['flagged'] = FLAGGED
with open(os.path.join(OUT, 'flagged.txt'), 'w') as f:
    f.write('\n'.join(map(str, FLAGGED)) + '\n')

with open(os.path.join(OUT, 'stats.json'), 'w') as f:
    json.dump(st, f, indent=1)
print(json.dumps({k: v for k, v in st.items() if k != 'flagged'}))
