// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: show commands.
 *
 * Every command here takes `json` (camelCase keys). vtysh learns these
 * commands at build time: vtysh/build.sh runs FRR's extract.pl over this
 * file, which is why it lives in a directory named bgpd/.
 */
#include <zebra.h>

#include "lib/command.h"
#include "lib/json.h"
#include "lib/vty.h"

#include "bgp_vendorguard.h"

#ifndef VTYSH_EXTRACT_PL
#include "plugin/bgpd/bgp_vendorguard_vty_clippy.c"
#endif

DEFPY(show_bgp_vendor_guard, show_bgp_vendor_guard_cmd,
      "show bgp vendor-guard [json$uj]",
      SHOW_STR BGP_STR
      "Vendor-aware path policy (vendorguard)\n" JSON_STR)
{
	const struct vg_counters *c = &vg_state->counters;

	if (uj) {
		json_object *json = json_object_new_object();
		json_object *jc = json_object_new_object();

		json_object_string_add(json, "version", vg_version);
		json_object_string_add(json, "frrVersion", vg_frr_version);
		json_object_int_add(json, "uptimeSeconds",
				    time(NULL) - vg_state->loaded_at);
		json_object_int_add(jc, "pathsAdded", c->paths_added);
		json_object_int_add(jc, "pathsReaped", c->paths_reaped);
		json_object_int_add(jc, "processEvents", c->process_events);
		json_object_int_add(jc, "withdrawEvents", c->withdraw_events);
		json_object_object_add(json, "counters", jc);
		return vty_json(vty, json);
	}

	vty_out(vty, "vendorguard %s (built for FRR %s), up %llds\n",
		vg_version, vg_frr_version,
		(long long)(time(NULL) - vg_state->loaded_at));
	vty_out(vty, "  Paths added:      %" PRIu64 "\n", c->paths_added);
	vty_out(vty, "  Paths reaped:     %" PRIu64 "\n", c->paths_reaped);
	vty_out(vty, "  Process events:   %" PRIu64 " (%" PRIu64
		     " withdraws)\n",
		c->process_events, c->withdraw_events);
	return CMD_SUCCESS;
}

void vg_vty_init(void)
{
	install_element(VIEW_NODE, &show_bgp_vendor_guard_cmd);
}
