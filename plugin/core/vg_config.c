// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the configuration builder and compiler (see
 * vg_config.h).
 *
 * The builder keeps flat growable arrays and one string arena, so that
 * recording 100k devices costs a handful of reallocations, not one malloc
 * per string.  vg_config_build() then sizes every table once and fills it.
 */
#include <string.h>

#include "vg_alloc.h"
#include "vg_config.h"

struct bld_vendor {
	uint32_t name;
	uint32_t pen;
	bool flagged;
};

struct bld_equip {
	uint32_t name, vendor; /* arena offsets */
	uint32_t nbr_first, n_nbrs;
	uint32_t bgp_rid, ospf_rid;
};

struct bld_attr {
	uint32_t asn;
	uint32_t first, n; /* into vnames */
};

struct bld_domain {
	uint32_t ga, f_vendor, f_attest;
	bool trusted;
	uint32_t first, n; /* into members */
};

/* A growable array: items, count, capacity. */
#define BLD_ARRAY(type, name)                                                  \
	type *name;                                                            \
	size_t n_##name, cap_##name

struct vg_config_builder {
	BLD_ARRAY(char, arena);
	BLD_ARRAY(struct bld_vendor, vendors);
	BLD_ARRAY(struct bld_equip, equips);
	BLD_ARRAY(struct vg_addr, nbrs);
	BLD_ARRAY(struct bld_attr, attrs);
	BLD_ARRAY(uint32_t, vnames);
	BLD_ARRAY(struct bld_domain, domains);
	BLD_ARRAY(uint32_t, members);
	size_t equip_name_bytes;
	bool local_set;
	uint32_t local_as, confed_id,
		own_vendor; /* own_vendor: offset or VG_NONE */
	bool oom;
	const struct vg_config *prev;
};

/*
 * Make room for `more` items in a growable array.  Returns false (and marks
 * the builder out of memory) on failure.
 */
static bool grow(struct vg_config_builder *b, void **items, size_t *cap,
		 size_t count, size_t more, size_t size)
{
	size_t need = count + more, ncap;
	void *p;

	if (need <= *cap)
		return true;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	p = vg_realloc(*items, ncap * size);
	if (p == NULL) {
		b->oom = true;
		return false;
	}
	*items = p;
	*cap = ncap;
	return true;
}

#define GROW(b, arr, more)                                                     \
	grow((b), (void **)&(b)->arr, &(b)->cap_##arr, (b)->n_##arr, (more),   \
	     sizeof(*(b)->arr))

/* Copy s into the arena; returns its offset or VG_NONE when out of memory. */
static uint32_t intern(struct vg_config_builder *b, const char *s)
{
	size_t len = strlen(s ? s : "");
	uint32_t off;

	if (b->n_arena + len + 1 >= VG_NONE || !GROW(b, arena, len + 1))
		return b->oom = true, VG_NONE;
	off = (uint32_t)b->n_arena;
	memcpy(b->arena + off, s ? s : "", len + 1);
	b->n_arena += len + 1;
	return off;
}

struct vg_config_builder *vg_config_builder_new(void)
{
	struct vg_config_builder *b = vg_calloc(1, sizeof(*b));

	if (b)
		b->own_vendor = VG_NONE;
	return b;
}

void vg_config_builder_free(struct vg_config_builder *b)
{
	if (b == NULL)
		return;
	vg_free(b->arena);
	vg_free(b->vendors);
	vg_free(b->equips);
	vg_free(b->nbrs);
	vg_free(b->attrs);
	vg_free(b->vnames);
	vg_free(b->domains);
	vg_free(b->members);
	vg_free(b);
}

void vg_config_builder_keep_ids(struct vg_config_builder *b,
				const struct vg_config *prev)
{
	b->prev = prev;
}

int vg_config_builder_add_vendor(struct vg_config_builder *b, const char *name,
				 uint32_t pen, bool flagged)
{
	uint32_t off = intern(b, name);

	if (off == VG_NONE || !GROW(b, vendors, 1))
		return -1;
	b->vendors[b->n_vendors++] = (struct bld_vendor){
		.name = off, .pen = pen, .flagged = flagged};
	return 0;
}

int vg_config_builder_add_equipment(struct vg_config_builder *b,
				    const struct vg_equipment_spec *spec)
{
	uint32_t name = intern(b, spec->name);
	uint32_t vendor = intern(b, spec->vendor);

	if (name == VG_NONE || vendor == VG_NONE || !GROW(b, equips, 1) ||
	    !GROW(b, nbrs, spec->n_nbrs))
		return -1;
	if (spec->n_nbrs)
		memcpy(b->nbrs + b->n_nbrs, spec->nbrs,
		       spec->n_nbrs * sizeof(*spec->nbrs));
	b->equips[b->n_equips++] = (struct bld_equip){
		.name = name,
		.vendor = vendor,
		.nbr_first = (uint32_t)b->n_nbrs,
		.n_nbrs = (uint32_t)spec->n_nbrs,
		.bgp_rid = spec->bgp_rid,
		.ospf_rid = spec->ospf_rid,
	};
	b->n_nbrs += spec->n_nbrs;
	b->equip_name_bytes += strlen(spec->name ? spec->name : "");
	return 0;
}

int vg_config_builder_add_as_attribution(struct vg_config_builder *b,
					 uint32_t asn,
					 const char *const *vendor_names,
					 size_t n_vendors)
{
	uint32_t first = (uint32_t)b->n_vnames;

	if (!GROW(b, attrs, 1) || !GROW(b, vnames, n_vendors))
		return -1;
	for (size_t i = 0; i < n_vendors; i++) {
		uint32_t off = intern(b, vendor_names[i]);

		if (off == VG_NONE)
			return -1;
		b->vnames[b->n_vnames++] = off;
	}
	b->attrs[b->n_attrs++] = (struct bld_attr){
		.asn = asn, .first = first, .n = (uint32_t)n_vendors};
	return 0;
}

int vg_config_builder_add_domain(struct vg_config_builder *b, uint32_t ga,
				 bool trusted, uint32_t f_vendor,
				 uint32_t f_attest, const uint32_t *members,
				 size_t n_members)
{
	if (!GROW(b, domains, 1) || !GROW(b, members, n_members))
		return -1;
	if (n_members)
		memcpy(b->members + b->n_members, members,
		       n_members * sizeof(*members));
	b->domains[b->n_domains++] = (struct bld_domain){
		.ga = ga,
		.f_vendor = f_vendor,
		.f_attest = f_attest,
		.trusted = trusted,
		.first = (uint32_t)b->n_members,
		.n = (uint32_t)n_members,
	};
	b->n_members += n_members;
	return 0;
}

int vg_config_builder_set_local(struct vg_config_builder *b, uint32_t local_as,
				uint32_t confed_id, const char *own_vendor)
{
	b->local_set = true;
	b->local_as = local_as;
	b->confed_id = confed_id;
	b->own_vendor = VG_NONE;
	if (own_vendor) {
		b->own_vendor = intern(b, own_vendor);
		if (b->own_vendor == VG_NONE)
			return -1;
	}
	return 0;
}

/*
 * Register the vendors.  With a previous configuration, vendors that existed
 * there keep their id; new vendors take the lowest id used by neither
 * configuration, or else the lowest free id.
 */
static int build_vendors(const struct vg_config_builder *b,
			 struct vg_registry *reg, struct vg_error *err)
{
	const struct vg_registry *prev = b->prev ? &b->prev->reg : NULL;
	int pass, want;

	for (pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < b->n_vendors; i++) {
			const struct bld_vendor *v = &b->vendors[i];
			const char *name = b->arena + v->name;
			int old = prev ? vg_registry_by_name(prev, name) : -1;

			/* Pass 0: vendors that keep an id; pass 1: the rest. */
			if ((pass == 0) != (old >= 0 && old < VG_MAX_VENDORS))
				continue;
			want = -1;
			if (pass == 0 && !vg_registry_get(reg, old))
				want = old;
			if (pass == 1 && prev) {
				for (int id = 0; id < VG_MAX_VENDORS; id++)
					if (!vg_vset_has(&prev->present, id) &&
					    !vg_vset_has(&reg->present, id)) {
						want = id;
						break;
					}
			}
			if (vg_registry_add(reg, name, v->pen, v->flagged, want,
					    err) < 0)
				return -1;
		}
	}
	return 0;
}

static int build_inventory(const struct vg_config_builder *b,
			   struct vg_config *cfg, struct vg_error *err)
{
	struct vg_inventory *inv = &cfg->inv;

	if (vg_inventory_reserve(inv, b->n_equips, b->n_nbrs,
				 b->equip_name_bytes, b->n_attrs, err) < 0)
		return -1;
	for (size_t i = 0; i < b->n_equips; i++) {
		const struct bld_equip *e = &b->equips[i];
		const char *name = b->arena + e->name;
		const char *vname = b->arena + e->vendor;
		int vid = vg_registry_by_name(&cfg->reg, vname);

		if (vid < 0) {
			vg_error_set(
				err,
				"equipment '%.64s': unknown vendor '%.64s'",
				name, vname);
			return -1;
		}
		if (vg_inventory_add_equipment(
			    inv, name, (uint16_t)vid,
			    e->n_nbrs ? b->nbrs + e->nbr_first : NULL,
			    e->n_nbrs, e->bgp_rid, e->ospf_rid, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < b->n_attrs; i++) {
		const struct bld_attr *a = &b->attrs[i];
		struct vg_vset vs;

		vg_vset_clear(&vs);
		for (uint32_t j = 0; j < a->n; j++) {
			const char *vname = b->arena + b->vnames[a->first + j];
			int vid = vg_registry_by_name(&cfg->reg, vname);

			if (vid < 0) {
				vg_error_set(
					err,
					"as-attribution %u: unknown vendor '%.64s'",
					a->asn, vname);
				return -1;
			}
			vg_vset_add(&vs, (unsigned int)vid);
		}
		if (vg_inventory_add_as(inv, a->asn, &vs, err) < 0)
			return -1;
	}
	return 0;
}

struct vg_config *vg_config_build(const struct vg_config_builder *b,
				  struct vg_error *err)
{
	struct vg_config *cfg;

	if (b->oom) {
		vg_error_set(err, "out of memory");
		return NULL;
	}
	cfg = vg_malloc(sizeof(*cfg));
	if (cfg == NULL) {
		vg_error_set(err, "out of memory");
		return NULL;
	}
	vg_registry_init(&cfg->reg);
	vg_inventory_init(&cfg->inv);
	vg_domains_init(&cfg->dom);
	cfg->local_as = b->local_as;
	cfg->confed_id = b->confed_id;
	cfg->own_vendor = VG_VENDOR_NONE;

	if (build_vendors(b, &cfg->reg, err) < 0)
		goto fail;

	for (size_t i = 0; i < b->n_domains; i++) {
		const struct bld_domain *d = &b->domains[i];

		if (vg_domains_add(&cfg->dom, d->ga, d->trusted, d->f_vendor,
				   d->f_attest,
				   d->n ? b->members + d->first : NULL, d->n,
				   err) < 0)
			goto fail;
	}

	if (b->own_vendor != VG_NONE) {
		const char *vname = b->arena + b->own_vendor;
		int vid = vg_registry_by_name(&cfg->reg, vname);

		if (vid < 0) {
			vg_error_set(err,
				     "local router: unknown vendor '%.64s'",
				     vname);
			goto fail;
		}
		cfg->own_vendor = (uint16_t)vid;
	}

	if (build_inventory(b, cfg, err) < 0)
		goto fail;
	return cfg;

fail:
	vg_config_free(cfg);
	return NULL;
}

void vg_config_free(struct vg_config *cfg)
{
	if (cfg == NULL)
		return;
	vg_inventory_free(&cfg->inv);
	vg_domains_free(&cfg->dom);
	vg_free(cfg);
}

void vg_config_vendor_changes(const struct vg_config *old,
			      const struct vg_config *new,
			      struct vg_vset *changed)
{
	int id;

	vg_vset_clear(changed);
	vg_vset_foreach(&old->reg.present, id)
	{
		const struct vg_vendor *o = vg_registry_get(&old->reg, id);
		const struct vg_vendor *n = vg_registry_get(&new->reg, id);

		if (n == NULL || o->pen != n->pen || o->flagged != n->flagged ||
		    strcmp(o->name, n->name) != 0)
			vg_vset_add(changed, (unsigned int)id);
	}
}
