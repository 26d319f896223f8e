// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the equipment inventory and AS attributions (see
 * vg_inventory.h).  Open-addressing hash tables with linear probing, sized
 * once by vg_inventory_reserve().
 */
#include <arpa/inet.h>
#include <string.h>

#include "vg_alloc.h"
#include "vg_inventory.h"

void vg_inventory_init(struct vg_inventory *inv)
{
	memset(inv, 0, sizeof(*inv));
}

void vg_inventory_free(struct vg_inventory *inv)
{
	vg_free(inv->equip);
	vg_free(inv->vendor_of);
	vg_free(inv->names);
	vg_free(inv->nbrs);
	vg_free(inv->v4);
	vg_free(inv->v6);
	vg_free(inv->bgp_rid);
	vg_free(inv->ospf_rid);
	vg_free(inv->name_tab);
	vg_free(inv->as_tab);
	vg_free(inv->as_vsets);
	vg_inventory_init(inv);
}

static struct vg_inv_u32_slot *u32_table_new(unsigned int bits)
{
	size_t n = (size_t)1 << bits;
	struct vg_inv_u32_slot *t = vg_malloc(n * sizeof(*t));

	if (t == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		t[i].key = 0;
		t[i].idx = VG_NONE;
	}
	return t;
}

int vg_inventory_reserve(struct vg_inventory *inv, size_t n_equip,
			 size_t n_nbrs, size_t name_bytes, size_t n_as,
			 struct vg_error *err)
{
	size_t nslots;

	if (n_equip >= VG_NONE || n_nbrs >= VG_NONE || n_as >= VG_NONE) {
		vg_error_set(err, "inventory: too many entries");
		return -1;
	}
	vg_inventory_free(inv);
	inv->equip_bits = vg_table_bits(n_equip);
	inv->nbr_bits = vg_table_bits(n_nbrs);
	inv->as_bits = vg_table_bits(n_as);

	inv->cap_equip = (uint32_t)n_equip;
	inv->cap_nbrs = (uint32_t)n_nbrs;
	inv->cap_as = (uint32_t)n_as;
	inv->names_cap = name_bytes + n_equip;
	inv->equip = vg_malloc((n_equip ? n_equip : 1) * sizeof(*inv->equip));
	inv->vendor_of = vg_malloc(n_equip ? n_equip : 1);
	inv->names = vg_malloc(inv->names_cap ? inv->names_cap : 1);
	inv->nbrs = vg_malloc((n_nbrs ? n_nbrs : 1) * sizeof(*inv->nbrs));
	inv->as_vsets = vg_malloc((n_as ? n_as : 1) * sizeof(*inv->as_vsets));

	inv->v4 = u32_table_new(inv->nbr_bits);
	inv->bgp_rid = u32_table_new(inv->equip_bits);
	inv->ospf_rid = u32_table_new(inv->equip_bits);
	inv->as_tab = u32_table_new(inv->as_bits);

	nslots = (size_t)1 << inv->nbr_bits;
	inv->v6 = vg_malloc(nslots * sizeof(*inv->v6));
	if (inv->v6)
		for (size_t i = 0; i < nslots; i++)
			inv->v6[i].idx = VG_NONE;

	nslots = (size_t)1 << inv->equip_bits;
	inv->name_tab = vg_malloc(nslots * sizeof(*inv->name_tab));
	if (inv->name_tab)
		for (size_t i = 0; i < nslots; i++)
			inv->name_tab[i] = VG_NONE;

	if (!inv->equip || !inv->vendor_of || !inv->names || !inv->nbrs ||
	    !inv->as_vsets || !inv->v4 || !inv->bgp_rid || !inv->ospf_rid ||
	    !inv->as_tab || !inv->v6 || !inv->name_tab) {
		vg_inventory_free(inv);
		vg_error_set(err, "inventory: out of memory");
		return -1;
	}
	return 0;
}

/*
 * Find the slot of key in a u32 table: either the slot holding key or the
 * empty slot where it would go.  The table is never full (load <= 1/2).
 */
static uint32_t u32_find(const struct vg_inv_u32_slot *t, unsigned int bits,
			 uint32_t key)
{
	uint32_t mask = ((uint32_t)1 << bits) - 1;
	uint32_t i = vg_hash32(key, bits);

	while (t[i].idx != VG_NONE && t[i].key != key)
		i = (i + 1) & mask;
	return i;
}

static uint32_t v6_hash(const uint8_t *addr, unsigned int bits)
{
	uint64_t a, b;

	memcpy(&a, addr, 8);
	memcpy(&b, addr + 8, 8);
	return (uint32_t)(vg_mix64(a ^ vg_mix64(b)) >> (64 - bits));
}

static uint32_t v6_find(const struct vg_inv_v6_slot *t, unsigned int bits,
			const uint8_t *addr)
{
	uint32_t mask = ((uint32_t)1 << bits) - 1;
	uint32_t i = v6_hash(addr, bits);

	while (t[i].idx != VG_NONE && memcmp(t[i].addr, addr, 16) != 0)
		i = (i + 1) & mask;
	return i;
}

static uint32_t name_hash(const char *name, unsigned int bits)
{
	uint32_t h = 2166136261u;

	for (; *name; name++) {
		h ^= (uint8_t)*name;
		h *= 16777619u;
	}
	return vg_hash32(h, bits);
}

static uint32_t name_find(const struct vg_inventory *inv, const char *name)
{
	uint32_t mask = ((uint32_t)1 << inv->equip_bits) - 1;
	uint32_t i = name_hash(name, inv->equip_bits);

	while (inv->name_tab[i] != VG_NONE &&
	       strcmp(inv->names + inv->equip[inv->name_tab[i]].name_off,
		      name) != 0)
		i = (i + 1) & mask;
	return i;
}

const char *vg_addr_str(const struct vg_addr *addr, char *buf, size_t len)
{
	if (addr->family != AF_INET && addr->family != AF_INET6) {
		snprintf(buf, len, "(none)");
		return buf;
	}
	if (inet_ntop(addr->family, addr->addr, buf, (socklen_t)len) == NULL)
		snprintf(buf, len, "(invalid)");
	return buf;
}

/*
 * Index one neighbor address of device idx.  Returns 0, or -1 with err set
 * when another device already owns the address.
 */
static int index_nbr(struct vg_inventory *inv, uint32_t idx,
		     const struct vg_addr *a, struct vg_error *err)
{
	uint32_t owner, slot;
	char buf[INET6_ADDRSTRLEN];

	if (a->family == AF_INET) {
		uint32_t key;

		memcpy(&key, a->addr, 4);
		slot = u32_find(inv->v4, inv->nbr_bits, key);
		owner = inv->v4[slot].idx;
		if (owner == VG_NONE) {
			inv->v4[slot].key = key;
			inv->v4[slot].idx = idx;
		}
	} else if (a->family == AF_INET6) {
		slot = v6_find(inv->v6, inv->nbr_bits, a->addr);
		owner = inv->v6[slot].idx;
		if (owner == VG_NONE) {
			memcpy(inv->v6[slot].addr, a->addr, 16);
			inv->v6[slot].idx = idx;
		}
	} else {
		vg_error_set(
			err,
			"equipment '%s': neighbor address of unknown family %u",
			vg_inventory_name(inv, idx), a->family);
		return -1;
	}
	if (owner != VG_NONE && owner != idx) {
		vg_error_set(
			err,
			"equipment '%s' and equipment '%s': both claim neighbor address %s",
			vg_inventory_name(inv, owner),
			vg_inventory_name(inv, idx),
			vg_addr_str(a, buf, sizeof(buf)));
		return -1;
	}
	return 0;
}

/* Index a router-id of device idx; kind is "BGP" or "OSPF" for messages. */
static int index_rid(struct vg_inventory *inv, struct vg_inv_u32_slot *t,
		     uint32_t idx, uint32_t rid, const char *kind,
		     struct vg_error *err)
{
	uint32_t slot;

	if (rid == 0)
		return 0;
	slot = u32_find(t, inv->equip_bits, rid);
	if (t[slot].idx != VG_NONE) {
		vg_error_set(
			err,
			"equipment '%s' and equipment '%s': both claim %s router-id %u.%u.%u.%u",
			vg_inventory_name(inv, t[slot].idx),
			vg_inventory_name(inv, idx), kind, rid >> 24,
			(rid >> 16) & 0xff, (rid >> 8) & 0xff, rid & 0xff);
		return -1;
	}
	t[slot].key = rid;
	t[slot].idx = idx;
	return 0;
}

int vg_inventory_add_equipment(struct vg_inventory *inv, const char *name,
			       uint16_t vendor, const struct vg_addr *nbrs,
			       size_t n_nbrs, uint32_t bgp_rid,
			       uint32_t ospf_rid, struct vg_error *err)
{
	struct vg_equipment *e;
	uint32_t idx, slot;
	size_t len;

	if (!vg_name_valid(name, VG_EQUIPMENT_NAME_MAX)) {
		vg_error_set(
			err,
			"equipment '%.64s': invalid name (1-%d characters of A-Z a-z 0-9 _ . -)",
			name ? name : "", VG_EQUIPMENT_NAME_MAX);
		return -1;
	}
	if (vendor >= 256) {
		vg_error_set(err, "equipment '%s': vendor id %u out of range",
			     name, vendor);
		return -1;
	}
	len = strlen(name);
	if (inv->n_equip >= inv->cap_equip ||
	    n_nbrs > inv->cap_nbrs - inv->n_nbrs ||
	    len + 1 > inv->names_cap - inv->names_len) {
		vg_error_set(err, "equipment '%s': inventory capacity exceeded",
			     name);
		return -1;
	}
	slot = name_find(inv, name);
	if (inv->name_tab[slot] != VG_NONE) {
		vg_error_set(err, "equipment '%s': defined twice", name);
		return -1;
	}

	idx = inv->n_equip;
	e = &inv->equip[idx];
	e->name_off = (uint32_t)inv->names_len;
	memcpy(inv->names + inv->names_len, name, len + 1);
	e->vendor = vendor;
	inv->vendor_of[idx] = (uint8_t)vendor;
	e->bgp_rid = bgp_rid;
	e->ospf_rid = ospf_rid;
	e->nbr_first = inv->n_nbrs;
	e->nbr_count = 0;
	/*
	 * Commit the device before indexing its keys, so that error messages
	 * can name it.  If a key fails the caller throws the inventory away.
	 */
	inv->names_len += len + 1;
	inv->n_equip++;
	inv->name_tab[slot] = idx;

	for (size_t i = 0; i < n_nbrs; i++) {
		if (index_nbr(inv, idx, &nbrs[i], err) < 0)
			return -1;
		inv->nbrs[inv->n_nbrs++] = nbrs[i];
		e->nbr_count++;
	}
	if (index_rid(inv, inv->bgp_rid, idx, bgp_rid, "BGP", err) < 0 ||
	    index_rid(inv, inv->ospf_rid, idx, ospf_rid, "OSPF", err) < 0)
		return -1;
	return (int)idx;
}

int vg_inventory_add_as(struct vg_inventory *inv, uint32_t asn,
			const struct vg_vset *vendors, struct vg_error *err)
{
	uint32_t slot;

	if (inv->as_tab == NULL) {
		vg_error_set(err,
			     "as-attribution %u: inventory capacity exceeded",
			     asn);
		return -1;
	}
	slot = u32_find(inv->as_tab, inv->as_bits, asn);
	if (inv->as_tab[slot].idx != VG_NONE) {
		vg_vset_union(&inv->as_vsets[inv->as_tab[slot].idx], vendors);
		return 0;
	}
	if (inv->n_as >= inv->cap_as) {
		vg_error_set(err,
			     "as-attribution %u: inventory capacity exceeded",
			     asn);
		return -1;
	}
	inv->as_vsets[inv->n_as] = *vendors;
	inv->as_tab[slot].key = asn;
	inv->as_tab[slot].idx = inv->n_as++;
	return 0;
}

uint32_t vg_inventory_by_addr(const struct vg_inventory *inv,
			      const struct vg_addr *addr)
{
	if (inv->v4 == NULL)
		return VG_NONE;
	if (addr->family == AF_INET) {
		uint32_t key;

		memcpy(&key, addr->addr, 4);
		return inv->v4[u32_find(inv->v4, inv->nbr_bits, key)].idx;
	}
	if (addr->family == AF_INET6)
		return inv->v6[v6_find(inv->v6, inv->nbr_bits, addr->addr)].idx;
	return VG_NONE;
}

uint32_t vg_inventory_by_bgp_rid(const struct vg_inventory *inv, uint32_t rid)
{
	if (inv->bgp_rid == NULL || rid == 0)
		return VG_NONE;
	return inv->bgp_rid[u32_find(inv->bgp_rid, inv->equip_bits, rid)].idx;
}

uint32_t vg_inventory_by_ospf_rid(const struct vg_inventory *inv, uint32_t rid)
{
	if (inv->ospf_rid == NULL || rid == 0)
		return VG_NONE;
	return inv->ospf_rid[u32_find(inv->ospf_rid, inv->equip_bits, rid)].idx;
}

uint32_t vg_inventory_by_name(const struct vg_inventory *inv, const char *name)
{
	if (inv->name_tab == NULL || name == NULL)
		return VG_NONE;
	return inv->name_tab[name_find(inv, name)];
}

const struct vg_vset *vg_inventory_as_vendors(const struct vg_inventory *inv,
					      uint32_t asn)
{
	uint32_t idx;

	if (inv->as_tab == NULL)
		return NULL;
	idx = inv->as_tab[u32_find(inv->as_tab, inv->as_bits, asn)].idx;
	return idx == VG_NONE ? NULL : &inv->as_vsets[idx];
}
