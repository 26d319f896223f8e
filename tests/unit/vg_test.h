// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Small helpers shared by the core unit tests (header-only, so that each
 * test still links only the core files it tests).
 */
#ifndef VG_TEST_H
#define VG_TEST_H

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vg_inventory.h"
#include "vg_pfxset.h"

/* Parse "10.0.0.1" or "2001:db8::1" into a vg_addr; NULL gives family 0. */
static inline struct vg_addr vg_test_addr(const char *s)
{
	struct vg_addr a;

	memset(&a, 0, sizeof(a));
	if (s == NULL)
		return a;
	if (inet_pton(AF_INET, s, a.addr) == 1)
		a.family = AF_INET;
	else if (inet_pton(AF_INET6, s, a.addr) == 1)
		a.family = AF_INET6;
	return a;
}

/* Parse "10.0.0.0/8" or "2001:db8::/32"; family 0 when it does not parse. */
static inline struct vg_prefix vg_test_prefix(const char *s)
{
	char buf[64];
	char *slash;
	struct vg_prefix p;
	struct vg_addr a;

	memset(&p, 0, sizeof(p));
	snprintf(buf, sizeof(buf), "%s", s);
	slash = strchr(buf, '/');
	if (slash == NULL)
		return p;
	*slash = 0;
	a = vg_test_addr(buf);
	p.family = a.family;
	memcpy(p.addr, a.addr, 16);
	p.len = (uint8_t)atoi(slash + 1);
	return p;
}

/* Router-id "1.2.3.4" in host byte order. */
static inline uint32_t vg_test_rid(const char *s)
{
	struct in_addr in;

	if (s == NULL || inet_pton(AF_INET, s, &in) != 1)
		return 0;
	return ntohl(in.s_addr);
}

#endif /* VG_TEST_H */
