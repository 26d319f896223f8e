// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the vendor registry.
 *
 * The registry owns the vendors: name, IANA Private Enterprise Number (PEN)
 * and the flagged bit.  Each vendor gets a vendor id, a small integer below
 * VG_MAX_VENDORS that indexes vendor sets (vg_vset.h).  The registry is a
 * fixed-size value (about 24 KiB) and allocates nothing.
 *
 * Rules, checked by vg_registry_add():
 *  - a name is 1..63 characters of [A-Za-z0-9_.-], compared exactly
 *    (case-sensitive), and unique;
 *  - a PEN is in 1..4294967294 and unique.  PEN 0 is "Reserved" in the IANA
 *    registry and 4294967295 is kept as the "no PEN" value, so both are
 *    rejected.  Two vendors with one PEN would make a vendor tag ambiguous.
 *
 * Lookups: by name (configuration time) and by PEN (per tag on the hot path,
 * one probe in an open-addressing table, inline below).
 */
#ifndef VG_REGISTRY_H
#define VG_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "vg_util.h"
#include "vg_vset.h"

#define VG_VENDOR_NAME_MAX 63
#define VG_PEN_MIN 1u
#define VG_PEN_MAX 4294967294u
/* "No vendor" in 16-bit vendor id fields. */
#define VG_VENDOR_NONE 0xFFFFu

#define VG_REGISTRY_BITS 9 /* 512 slots for at most 256 vendors */
#define VG_REGISTRY_SLOTS (1u << VG_REGISTRY_BITS)

struct vg_vendor {
	char name[VG_VENDOR_NAME_MAX + 1];
	uint32_t pen;
	bool flagged;
	bool used;
};

struct vg_registry_pen_slot {
	uint32_t pen; /* 0 marks an empty slot (PEN 0 is never stored) */
	uint16_t id;
};

struct vg_registry {
	struct vg_vendor vendors[VG_MAX_VENDORS];
	unsigned int count;	/* number of vendors */
	struct vg_vset present; /* ids in use */
	struct vg_vset flagged; /* ids of flagged vendors */
	struct vg_registry_pen_slot pen_slot[VG_REGISTRY_SLOTS];
	uint16_t name_slot[VG_REGISTRY_SLOTS]; /* id + 1, 0 = empty */
};

/* Initialise an empty registry. */
void vg_registry_init(struct vg_registry *reg);

/* True if name is a valid vendor name (see the rules above). */
bool vg_vendor_name_valid(const char *name);

/*
 * Add a vendor.  If want_id >= 0 the vendor gets that id (it must be free and
 * below VG_MAX_VENDORS); otherwise it gets the lowest free id.  Returns the id,
 * or -1 with err filled ("vendor 'x': ...") when a rule is broken or the
 * registry is full.
 */
int vg_registry_add(struct vg_registry *reg, const char *name, uint32_t pen,
		    bool flagged, int want_id, struct vg_error *err);

/* Vendor id by exact name, or -1. */
int vg_registry_by_name(const struct vg_registry *reg, const char *name);

/* The vendor with this id, or NULL if the id is unused or out of range. */
const struct vg_vendor *vg_registry_get(const struct vg_registry *reg,
					unsigned int id);

static inline uint32_t vg_registry_pen_hash(uint32_t pen)
{
	return vg_hash32(pen, VG_REGISTRY_BITS);
}

/*
 * Vendor id by PEN, or -1.  Called once per vendor tag on the classify path:
 * no allocation, no string compare, a few probes at most (load <= 1/2).
 */
static inline int vg_registry_by_pen(const struct vg_registry *reg,
				     uint32_t pen)
{
	uint32_t i;

	if (pen == 0)
		return -1;
	for (i = vg_registry_pen_hash(pen);;
	     i = (i + 1) & (VG_REGISTRY_SLOTS - 1)) {
		const struct vg_registry_pen_slot *s = &reg->pen_slot[i];

		if (s->pen == pen)
			return s->id;
		if (s->pen == 0)
			return -1;
	}
}

#endif /* VG_REGISTRY_H */
