// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the compiled configuration and its builder.
 *
 * struct vg_config is immutable once built and self-contained (it points to
 * no caller memory): vendor registry, inventory with AS attributions,
 * tagging domains and the local router's facts.  The glue collects its
 * configuration into a builder, builds a new vg_config on every change and
 * swaps the pointer; the classifier only reads a vg_config.
 *
 * The builder only records what it is given (copies of the strings and
 * arrays); every rule is checked by vg_config_build(), which returns NULL and
 * one message naming the first problem, for example
 *   "equipment 'r2': unknown vendor 'hauwei'".
 * The builder add functions return 0, or -1 only when memory runs out (the
 * build then fails with "out of memory").  A builder can be built several
 * times and extended between builds.
 *
 * Vendor ids: by default vendors get ids in the order they were added.  When
 * the glue keeps verdicts across a rebuild it calls
 * vg_config_builder_keep_ids() with the previous configuration: a vendor that
 * existed there (same name) keeps its id, and new vendors avoid the ids of
 * the previous configuration when they can.  vg_config_vendor_changes() then
 * tells which ids of stored vendor sets changed meaning.
 */
#ifndef VG_CONFIG_H
#define VG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vg_inventory.h"
#include "vg_registry.h"
#include "vg_tag.h"
#include "vg_util.h"
#include "vg_vset.h"

struct vg_config {
	struct vg_registry reg;
	struct vg_inventory inv;
	struct vg_domains dom;
	uint32_t local_as;   /* 0 = not set */
	uint32_t confed_id;  /* 0 = not in a confederation */
	uint16_t own_vendor; /* VG_VENDOR_NONE = not set */
};

struct vg_config_builder;

/* A device as the glue describes it; all pointers are copied. */
struct vg_equipment_spec {
	const char *name;
	const char *vendor; /* vendor name, resolved at build */
	const struct vg_addr *nbrs;
	size_t n_nbrs;
	uint32_t bgp_rid;  /* host byte order, 0 = none */
	uint32_t ospf_rid; /* host byte order, 0 = none */
};

struct vg_config_builder *vg_config_builder_new(void);
void vg_config_builder_free(struct vg_config_builder *b);

/* Keep vendor ids of prev (which must outlive the next build) stable. */
void vg_config_builder_keep_ids(struct vg_config_builder *b,
				const struct vg_config *prev);

int vg_config_builder_add_vendor(struct vg_config_builder *b, const char *name,
				 uint32_t pen, bool flagged);

int vg_config_builder_add_equipment(struct vg_config_builder *b,
				    const struct vg_equipment_spec *spec);

/* Attribute the named vendors to asn; several calls for one asn merge. */
int vg_config_builder_add_as_attribution(struct vg_config_builder *b,
					 uint32_t asn,
					 const char *const *vendor_names,
					 size_t n_vendors);

/*
 * A tagging domain named by ga (see vg_tag.h).  f_vendor/f_attest are the
 * function numbers F1/F2 (VG_DEFAULT_F_VENDOR/VG_DEFAULT_F_ATTEST).
 */
int vg_config_builder_add_domain(struct vg_config_builder *b, uint32_t ga,
				 bool trusted, uint32_t f_vendor,
				 uint32_t f_attest, const uint32_t *members,
				 size_t n_members);

/*
 * The local router: its AS (the one exempt from coverage), its confederation
 * identifier if any (0 = none; also exempt), and its own vendor name (NULL =
 * not configured; needed for the own vendor tag on egress).
 */
int vg_config_builder_set_local(struct vg_config_builder *b, uint32_t local_as,
				uint32_t confed_id, const char *own_vendor);

/*
 * Compile the builder into a new configuration.  Returns it, or NULL with
 * err->msg naming the problem.  Cost is linear in the size of the input
 * (hash tables are sized once).  The builder is not modified.
 */
struct vg_config *vg_config_build(const struct vg_config_builder *b,
				  struct vg_error *err);

void vg_config_free(struct vg_config *cfg);

/*
 * Vendor ids whose meaning changed from old to new: the vendor was removed,
 * the id now names another vendor, or its PEN or flag changed.  A stored
 * verdict whose vendor set intersects *changed must be recomputed.  (A new
 * vendor does not appear here: paths that could gain it carry the
 * VG_R_UNKNOWN_VENDOR reason, see vg_classify.h.)
 */
void vg_config_vendor_changes(const struct vg_config *old,
			      const struct vg_config *new,
			      struct vg_vset *changed);

/* Vendor name by id, or NULL. */
static inline const char *vg_config_vendor_name(const struct vg_config *cfg,
						unsigned int id)
{
	const struct vg_vendor *v = vg_registry_get(&cfg->reg, id);

	return v ? v->name : NULL;
}

#endif /* VG_CONFIG_H */
