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

/// Marks where a CSV parser must stop in `bytes[0..<count]`, 64 bytes a word (bit k of word w is byte
/// 64w + k; bits past `count` are 0): `fieldStops` has the bytes equal to `delimiter`, LF or CR (the end of
/// an unquoted field), `quotedStops` those equal to `quote`, LF or CR (what a quoted field must look at).
/// Each array needs (count + 63) / 64 words. AVX2 where the processor has it, else SSE2, else plain C.
void fulian_csv_stops(const uint8_t *bytes, size_t count, uint8_t delimiter, uint8_t quote,
                      uint64_t *fieldStops, uint64_t *quotedStops);

/// ``fulian_csv_stops`` with a chosen instruction set, for tests: 0 plain C, 1 SSE2, 2 AVX2 (each falls
/// back to the one below where the processor lacks it); returns the one used.
int fulian_csv_stops_using(int instructions, const uint8_t *bytes, size_t count, uint8_t delimiter, uint8_t quote,
                           uint64_t *fieldStops, uint64_t *quotedStops);

#endif
