// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the equipment inventory and the AS attributions.
 *
 * The inventory owns the equipment (name, vendor id, BGP neighbor addresses,
 * optional BGP and OSPF router-ids) and the indexes the classifier uses to
 * find the equipment behind a BGP neighbor: by neighbor address (one hash for
 * IPv4, one for IPv6), by BGP router-id and by OSPF router-id.  It also owns
 * the AS attributions: ASN (4-byte) -> vendor set.
 *
 * Life cycle: vg_inventory_init(), vg_inventory_reserve() with the final
 * counts (it sizes every table once, so that adding 100k devices costs no
 * rehash), then add equipment and attributions, then only lookups.
 * vg_inventory_free() releases everything.  Adding beyond the reserved counts
 * fails.  Vendor ids (below 256) are taken as given; the caller (vg_config)
 * resolves vendor names against the registry.
 *
 * Rules, checked while adding (the message names both devices):
 *  - equipment names are unique (1..63 characters of [A-Za-z0-9_.-]);
 *  - a neighbor address belongs to one device only;
 *  - a BGP router-id belongs to one device only, and so does an OSPF
 *    router-id.
 * A device that lists one neighbor address twice is not an error.  Router-ids
 * are in host byte order (10.0.0.1 is 0x0a000001); 0 means "none" (0.0.0.0 is
 * not a valid router-id in BGP or OSPF).  Addresses are in network byte
 * order; an IPv4 address uses the first 4 bytes of addr[].
 *
 * Attributing vendors to an ASN twice merges the two sets.
 */
#ifndef VG_INVENTORY_H
#define VG_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "vg_util.h"
#include "vg_vset.h"

#define VG_EQUIPMENT_NAME_MAX 63

/* An IPv4 or IPv6 address.  family is AF_INET, AF_INET6, or 0 for "none". */
struct vg_addr {
	uint8_t family;
	uint8_t addr[16];
};

struct vg_equipment {
	uint32_t name_off; /* offset of the NUL-terminated name in names */
	uint16_t vendor;   /* vendor id */
	uint32_t bgp_rid;  /* 0 = none */
	uint32_t ospf_rid; /* 0 = none */
	uint32_t nbr_first;
	uint32_t nbr_count; /* neighbor addresses: nbrs[nbr_first..+count) */
};

struct vg_inv_u32_slot {
	uint32_t key;
	uint32_t idx; /* VG_NONE marks an empty slot */
};

struct vg_inv_v6_slot {
	uint8_t addr[16];
	uint32_t idx; /* VG_NONE marks an empty slot */
};

struct vg_inventory {
	struct vg_equipment *equip;
	/*
	 * vendor_of[i] == equip[i].vendor, packed: the classifier reads it for
	 * a random neighbor, and 100k devices fit in cache this way.
	 */
	uint8_t *vendor_of;
	uint32_t n_equip, cap_equip;
	char *names;
	size_t names_len, names_cap;
	struct vg_addr *nbrs;
	uint32_t n_nbrs, cap_nbrs;

	/* Indexes; all tables have 2^bits slots and load <= 1/2. */
	struct vg_inv_u32_slot *v4, *bgp_rid, *ospf_rid;
	struct vg_inv_v6_slot *v6;
	uint32_t *name_tab; /* equipment index, VG_NONE = empty */
	unsigned int equip_bits, nbr_bits;

	/* AS attributions. */
	struct vg_inv_u32_slot *as_tab; /* idx into as_vsets */
	struct vg_vset *as_vsets;
	uint32_t n_as, cap_as;
	unsigned int as_bits;
};

void vg_inventory_init(struct vg_inventory *inv);

/*
 * Size the tables for n_equip devices with n_nbrs neighbor addresses in all,
 * name_bytes bytes of names (without terminators) and n_as attributed ASNs.
 * Call once, before adding.  Returns 0, or -1 with err set when out of memory.
 */
int vg_inventory_reserve(struct vg_inventory *inv, size_t n_equip,
			 size_t n_nbrs, size_t name_bytes, size_t n_as,
			 struct vg_error *err);

/*
 * Add a device.  nbrs[0..n_nbrs) are its BGP neighbor addresses; bgp_rid and
 * ospf_rid may be 0.  Returns the equipment index, or -1 with err set when a
 * rule above is broken or the reserved counts are exceeded.  On error the
 * inventory is left in a consistent state but the caller is expected to
 * throw it away.
 */
int vg_inventory_add_equipment(struct vg_inventory *inv, const char *name,
			       uint16_t vendor, const struct vg_addr *nbrs,
			       size_t n_nbrs, uint32_t bgp_rid,
			       uint32_t ospf_rid, struct vg_error *err);

/*
 * Attribute vendors to asn (merged with any earlier attribution of asn).
 * Returns 0, or -1 with err set when the reserved count is exceeded.
 */
int vg_inventory_add_as(struct vg_inventory *inv, uint32_t asn,
			const struct vg_vset *vendors, struct vg_error *err);

/* Release all memory; the inventory is then empty (as after init). */
void vg_inventory_free(struct vg_inventory *inv);

/*
 * Lookups.  They return an equipment index or VG_NONE.  They never allocate
 * and are safe to call on an inventory that was only initialised.
 */
uint32_t vg_inventory_by_addr(const struct vg_inventory *inv,
			      const struct vg_addr *addr);
uint32_t vg_inventory_by_bgp_rid(const struct vg_inventory *inv, uint32_t rid);
uint32_t vg_inventory_by_ospf_rid(const struct vg_inventory *inv, uint32_t rid);
uint32_t vg_inventory_by_name(const struct vg_inventory *inv, const char *name);

/* Vendor id of device idx (idx must be valid).  Cache-friendly. */
static inline uint16_t vg_inventory_vendor(const struct vg_inventory *inv,
					   uint32_t idx)
{
	return inv->vendor_of[idx];
}

/* The vendors attributed to asn, or NULL if asn has no attribution. */
const struct vg_vset *vg_inventory_as_vendors(const struct vg_inventory *inv,
					      uint32_t asn);

static inline const struct vg_equipment *
vg_inventory_get(const struct vg_inventory *inv, uint32_t idx)
{
	return idx < inv->n_equip ? &inv->equip[idx] : NULL;
}

static inline const char *vg_inventory_name(const struct vg_inventory *inv,
					    uint32_t idx)
{
	return idx < inv->n_equip ? inv->names + inv->equip[idx].name_off
				  : NULL;
}

/* Format addr into buf (at least 46 bytes) with inet_ntop; returns buf. */
const char *vg_addr_str(const struct vg_addr *addr, char *buf, size_t len);

#endif /* VG_INVENTORY_H */
