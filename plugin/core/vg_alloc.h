// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the allocation hook.
 *
 * Every allocation of the core goes through vg_malloc/vg_calloc/vg_realloc/
 * vg_free.  They default to libc.  The bgpd glue calls vg_alloc_set() once at
 * module init to route them into FRR's memory accounting (an MTYPE of the
 * module's MGROUP), so that "show memory" accounts for the compiled tables.
 *
 * Contract: the hooks may return NULL (libc does); every core function checks
 * and reports "out of memory" instead of crashing.  FRR's XMALLOC never
 * returns NULL, which is also fine.  vg_alloc_set() must be called before the
 * first allocation and never while core objects allocated with the previous
 * hooks are alive.
 */
#ifndef VG_ALLOC_H
#define VG_ALLOC_H

#include <stddef.h>

struct vg_alloc_ops {
	void *(*malloc)(size_t size);
	void *(*calloc)(size_t nmemb, size_t size);
	void *(*realloc)(void *ptr, size_t size);
	void (*free)(void *ptr);
};

/* The active hooks.  Read through the inline wrappers below. */
extern struct vg_alloc_ops vg_alloc_ops;

/*
 * Install allocation hooks.  Any member left NULL keeps its libc default;
 * passing ops == NULL restores libc for all four.
 */
void vg_alloc_set(const struct vg_alloc_ops *ops);

static inline void *vg_malloc(size_t size)
{
	return vg_alloc_ops.malloc(size);
}

static inline void *vg_calloc(size_t nmemb, size_t size)
{
	return vg_alloc_ops.calloc(nmemb, size);
}

static inline void *vg_realloc(void *ptr, size_t size)
{
	return vg_alloc_ops.realloc(ptr, size);
}

static inline void vg_free(void *ptr)
{
	vg_alloc_ops.free(ptr);
}

#endif /* VG_ALLOC_H */
