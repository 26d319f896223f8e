// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard bgpd glue: the frr-vendorguard YANG module, embedded at build
 * time from yang/frr-vendorguard.yang by FRR's embedmodel.py and registered
 * with libfrr's YANG loader when the module is opened.
 */
#include <zebra.h>

#include "lib/yang.h"

#include "plugin/bgpd/frr-vendorguard.yang.c"
