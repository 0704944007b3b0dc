// fulian — text checks with the processor's vector instructions, for FulianSheets.
#ifndef FULIAN_CTEXTSIMD_H
#define FULIAN_CTEXTSIMD_H

#include <stddef.h>
#include <stdint.h>

/// Whether `bytes[0..<count]` is valid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing beyond
/// U+10FFFF, no sequence cut at the end): 1 valid, 0 not, -1 when this processor lacks AVX2 (the caller
/// then checks with its own code). 32 bytes at a time, after Keiser and Lemire, "Validating UTF-8 in less
/// than one instruction per byte" (2021).
int fulian_utf8_validate(const uint8_t *bytes, size_t count);

#endif
