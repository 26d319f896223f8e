// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: YANG data tree -> compiled core configuration.
 */
#ifndef _BGP_VENDORGUARD_CONFIG_H
#define _BGP_VENDORGUARD_CONFIG_H

#include "../core/vg_config.h"

struct lyd_node;

/*
 * Compile the /frr-vendorguard:vendor-guard subtree `top` (NULL = nothing
 * configured). local_as/confed_id come from bgpd. prev, if given, keeps
 * vendor ids stable. Returns NULL with err->msg set on error.
 */
extern struct vg_config *vg_config_compile(const struct lyd_node *top,
					   uint32_t local_as,
					   uint32_t confed_id,
					   const struct vg_config *prev,
					   struct vg_error *err);

/* Compile the sensitive sets of the same subtree (inline prefixes). */
struct vg_policy;
extern struct vg_policy *vg_policy_compile(const struct lyd_node *top,
					   struct vg_error *err);

#endif /* _BGP_VENDORGUARD_CONFIG_H */
