// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the vendor registry (see vg_registry.h).
 */
#include <string.h>

#include "vg_registry.h"

void vg_registry_init(struct vg_registry *reg)
{
	memset(reg, 0, sizeof(*reg));
}

bool vg_vendor_name_valid(const char *name)
{
	return vg_name_valid(name, VG_VENDOR_NAME_MAX);
}

/* FNV-1a over the name, folded into the table size. */
static uint32_t name_hash(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name; name++) {
		h ^= (uint8_t)*name;
		h *= 16777619u;
	}
	return vg_hash32(h, VG_REGISTRY_BITS);
}

int vg_registry_by_name(const struct vg_registry *reg, const char *name)
{
	uint32_t i;

	if (name == NULL)
		return -1;
	for (i = name_hash(name);; i = (i + 1) & (VG_REGISTRY_SLOTS - 1)) {
		uint16_t slot = reg->name_slot[i];

		if (slot == 0)
			return -1;
		if (strcmp(reg->vendors[slot - 1].name, name) == 0)
			return slot - 1;
	}
}

const struct vg_vendor *vg_registry_get(const struct vg_registry *reg,
					unsigned int id)
{
	if (id >= VG_MAX_VENDORS || !reg->vendors[id].used)
		return NULL;
	return &reg->vendors[id];
}

int vg_registry_add(struct vg_registry *reg, const char *name, uint32_t pen,
		    bool flagged, int want_id, struct vg_error *err)
{
	int id, other;
	uint32_t i;

	if (!vg_vendor_name_valid(name)) {
		vg_error_set(
			err,
			"vendor '%.*s': invalid name (1-%d characters of A-Z a-z 0-9 _ . -)",
			VG_VENDOR_NAME_MAX + 1, name ? name : "",
			VG_VENDOR_NAME_MAX);
		return -1;
	}
	if (pen < VG_PEN_MIN || pen > VG_PEN_MAX) {
		vg_error_set(err, "vendor '%s': PEN %u out of range (%u-%u)",
			     name, pen, VG_PEN_MIN, VG_PEN_MAX);
		return -1;
	}
	if (vg_registry_by_name(reg, name) >= 0) {
		vg_error_set(err, "vendor '%s': defined twice", name);
		return -1;
	}
	other = vg_registry_by_pen(reg, pen);
	if (other >= 0) {
		vg_error_set(err, "vendor '%s' and vendor '%s': same PEN %u",
			     reg->vendors[other].name, name, pen);
		return -1;
	}
	if (reg->count >= VG_MAX_VENDORS) {
		vg_error_set(err, "vendor '%s': more than %d vendors", name,
			     VG_MAX_VENDORS);
		return -1;
	}

	if (want_id >= 0) {
		if (want_id >= VG_MAX_VENDORS || reg->vendors[want_id].used) {
			vg_error_set(err, "vendor '%s': vendor id %d not free",
				     name, want_id);
			return -1;
		}
		id = want_id;
	} else {
		for (id = 0; reg->vendors[id].used; id++)
			;
	}

	strcpy(reg->vendors[id].name, name);
	reg->vendors[id].pen = pen;
	reg->vendors[id].flagged = flagged;
	reg->vendors[id].used = true;
	reg->count++;
	vg_vset_add(&reg->present, id);
	if (flagged)
		vg_vset_add(&reg->flagged, id);

	for (i = vg_registry_pen_hash(pen); reg->pen_slot[i].pen != 0;
	     i = (i + 1) & (VG_REGISTRY_SLOTS - 1))
		;
	reg->pen_slot[i].pen = pen;
	reg->pen_slot[i].id = (uint16_t)id;

	for (i = name_hash(name); reg->name_slot[i] != 0;
	     i = (i + 1) & (VG_REGISTRY_SLOTS - 1))
		;
	reg->name_slot[i] = (uint16_t)(id + 1);
	return id;
}
