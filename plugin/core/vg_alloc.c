// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: the allocation hook (see vg_alloc.h).
 */
#include <stdlib.h>

#include "vg_alloc.h"

struct vg_alloc_ops vg_alloc_ops = {
	.malloc = malloc,
	.calloc = calloc,
	.realloc = realloc,
	.free = free,
};

void vg_alloc_set(const struct vg_alloc_ops *ops)
{
	vg_alloc_ops.malloc = (ops && ops->malloc) ? ops->malloc : malloc;
	vg_alloc_ops.calloc = (ops && ops->calloc) ? ops->calloc : calloc;
	vg_alloc_ops.realloc = (ops && ops->realloc) ? ops->realloc : realloc;
	vg_alloc_ops.free = (ops && ops->free) ? ops->free : free;
}
