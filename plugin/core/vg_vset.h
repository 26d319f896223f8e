// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the vendor set.
 *
 * A vendor set is a fixed 256-bit bitmap indexed by vendor id (the small
 * integer the registry assigns, see vg_registry.h).  It is a plain value: it
 * is copied, compared and stored per path (32 bytes) without allocation.
 * Vendor ids are only meaningful together with the configuration that
 * assigned them.
 */
#ifndef VG_VSET_H
#define VG_VSET_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define VG_MAX_VENDORS 256
#define VG_VSET_WORDS (VG_MAX_VENDORS / 64)

struct vg_vset {
	uint64_t w[VG_VSET_WORDS];
};

static inline void vg_vset_clear(struct vg_vset *s)
{
	memset(s, 0, sizeof(*s));
}

/* Add vendor id; ids >= VG_MAX_VENDORS are ignored. */
static inline void vg_vset_add(struct vg_vset *s, unsigned int id)
{
	if (id < VG_MAX_VENDORS)
		s->w[id >> 6] |= UINT64_C(1) << (id & 63);
}

static inline void vg_vset_del(struct vg_vset *s, unsigned int id)
{
	if (id < VG_MAX_VENDORS)
		s->w[id >> 6] &= ~(UINT64_C(1) << (id & 63));
}

static inline bool vg_vset_has(const struct vg_vset *s, unsigned int id)
{
	if (id >= VG_MAX_VENDORS)
		return false;
	return (s->w[id >> 6] >> (id & 63)) & 1;
}

/* dst |= src */
static inline void vg_vset_union(struct vg_vset *dst, const struct vg_vset *src)
{
	for (int i = 0; i < VG_VSET_WORDS; i++)
		dst->w[i] |= src->w[i];
}

static inline bool vg_vset_intersects(const struct vg_vset *a,
				      const struct vg_vset *b)
{
	uint64_t acc = 0;

	for (int i = 0; i < VG_VSET_WORDS; i++)
		acc |= a->w[i] & b->w[i];
	return acc != 0;
}

static inline bool vg_vset_empty(const struct vg_vset *s)
{
	uint64_t acc = 0;

	for (int i = 0; i < VG_VSET_WORDS; i++)
		acc |= s->w[i];
	return acc == 0;
}

static inline bool vg_vset_equal(const struct vg_vset *a,
				 const struct vg_vset *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static inline unsigned int vg_vset_count(const struct vg_vset *s)
{
	unsigned int n = 0;

	for (int i = 0; i < VG_VSET_WORDS; i++)
		n += (unsigned int)__builtin_popcountll(s->w[i]);
	return n;
}

/*
 * Return the smallest id >= from that is in the set, or -1 if there is none.
 * Use it through vg_vset_foreach().
 */
static inline int vg_vset_next(const struct vg_vset *s, int from)
{
	if (from < 0)
		from = 0;
	for (int i = from >> 6; i < VG_VSET_WORDS; i++) {
		uint64_t w = s->w[i];

		if (i == (from >> 6))
			w &= ~UINT64_C(0) << (from & 63);
		if (w)
			return (i << 6) + __builtin_ctzll(w);
	}
	return -1;
}

/* Iterate the ids of a set in increasing order: int id; vg_vset_foreach(s, id)
 */
#define vg_vset_foreach(s, id)                                                 \
	for ((id) = vg_vset_next((s), 0); (id) >= 0;                           \
	     (id) = vg_vset_next((s), (id) + 1))

#endif /* VG_VSET_H */
