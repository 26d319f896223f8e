// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vendorguard core: small shared helpers (error message buffer, hashing,
 * big-endian loads).  Header-only; libc only.
 */
#ifndef VG_UTIL_H
#define VG_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* "No such index" for uint32_t indices into core tables. */
#define VG_NONE UINT32_MAX

/*
 * A human-readable error, filled by functions that can fail on bad
 * configuration.  The message names the offending object, for example
 * "equipment 'r2': unknown vendor 'hauwei'".  The caller owns the storage
 * (usually on its stack); nothing is allocated.
 */
#define VG_ERRMSG_LEN 256
struct vg_error {
	char msg[VG_ERRMSG_LEN];
};

static inline void __attribute__((format(printf, 2, 3)))
vg_error_set(struct vg_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/*
 * True if name is 1..max characters of [A-Za-z0-9_.-].  Vendor and equipment
 * names follow this rule, so that they are safe in CLI output, JSON keys and
 * log lines.
 */
static inline bool vg_name_valid(const char *name, size_t max)
{
	size_t len = 0;

	if (name == NULL)
		return false;
	for (const char *p = name; *p; p++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return false;
		if (++len > max)
			return false;
	}
	return len > 0;
}

/* Fibonacci hashing of a 32-bit key into a table of 2^bits slots. */
static inline uint32_t vg_hash32(uint32_t key, unsigned int bits)
{
	return (uint32_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

/* A 64-bit mixer (murmur3 finaliser) for wider keys. */
static inline uint64_t vg_mix64(uint64_t k)
{
	k ^= k >> 33;
	k *= UINT64_C(0xff51afd7ed558ccd);
	k ^= k >> 33;
	k *= UINT64_C(0xc4ceb9fe1a85ec53);
	k ^= k >> 33;
	return k;
}

/*
 * Number of bits of a power-of-two table holding n keys at load <= 1/2.
 * At least 4 bits (16 slots), so that empty tables are still probeable.
 */
static inline unsigned int vg_table_bits(size_t n)
{
	unsigned int bits = 4;

	while (((size_t)1 << bits) < 2 * n)
		bits++;
	return bits;
}

static inline uint32_t vg_get_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline void vg_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

#endif /* VG_UTIL_H */
