// Text scans with the processor's vector instructions, for FulianSheets' CSV reader.
//
// UTF-8 validation 32 bytes at a time with AVX2, after John Keiser and Daniel Lemire, "Validating UTF-8 in
// less than one instruction per byte", Software: Practice and Experience 51(5), 2021 (the "lookup"
// algorithm): every error of a two-, three- or four-byte sequence shows in the first 12 bits of the byte
// pair it spans, so three 16-entry tables indexed by nibbles, ANDed, flag it; a separate test that the
// third and fourth bytes of long sequences are continuations completes the check.
#include "CTextSIMD.h"

/// The stop masks in plain C (any processor).
static void csv_stops_plain(const uint8_t *bytes, size_t count, uint8_t delimiter, uint8_t quote,
                            uint64_t *fieldStops, uint64_t *quotedStops) {
    for (size_t w = 0; w * 64 < count; w++) {
        uint64_t f = 0, q = 0;
        for (size_t k = 0; k < 64 && w * 64 + k < count; k++) {
            uint8_t b = bytes[w * 64 + k];
            int line = b == '\n' || b == '\r';
            if (line || b == delimiter) f |= 1ULL << k;
            if (line || b == quote) q |= 1ULL << k;
        }
        fieldStops[w] = f;
        quotedStops[w] = q;
    }
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#include <string.h>

// Error bits. Each table entry holds every error its nibble may take part in; a pair of bytes is wrong
// when one bit survives all three tables.
#define TOO_SHORT (1 << 0)       // a lead byte (or ASCII) where a continuation is due: 11______ 0_______ / 11______ 11______
#define TOO_LONG (1 << 1)        // a continuation after ASCII: 0_______ 10______
#define OVERLONG_3 (1 << 2)      // 11100000 100_____
#define TOO_LARGE (1 << 3)       // 11110100 1001____ and up: beyond U+10FFFF
#define SURROGATE (1 << 4)       // 11101101 101_____
#define OVERLONG_2 (1 << 5)      // 1100000_ 10______
#define TOO_LARGE_1000 (1 << 6)  // 11110101 1000____ and up (and 11111___)
#define OVERLONG_4 (1 << 6)      // 11110000 1000____
#define TWO_CONTS (1 << 7)       // two continuations in a row: right only as a sequence's third or fourth byte
#define CARRY (TOO_SHORT | TOO_LONG | TWO_CONTS)

__attribute__((target("avx2"))) static inline __m256i nibbles_high(__m256i v) {
    return _mm256_and_si256(_mm256_srli_epi16(v, 4), _mm256_set1_epi8(0x0F));
}

/// The 32 bytes before each byte of `input`, `n` back (1–3), taking the first ones from `previous`.
#define PREV(input, previous, n) \
    _mm256_alignr_epi8((input), _mm256_permute2x128_si256((previous), (input), 0x21), 16 - (n))

__attribute__((target("avx2"))) static inline __m256i table(uint8_t t0, uint8_t t1, uint8_t t2, uint8_t t3,
    uint8_t t4, uint8_t t5, uint8_t t6, uint8_t t7, uint8_t t8, uint8_t t9, uint8_t t10, uint8_t t11,
    uint8_t t12, uint8_t t13, uint8_t t14, uint8_t t15) {
    return _mm256_setr_epi8((char)t0, (char)t1, (char)t2, (char)t3, (char)t4, (char)t5, (char)t6, (char)t7,
        (char)t8, (char)t9, (char)t10, (char)t11, (char)t12, (char)t13, (char)t14, (char)t15,
        (char)t0, (char)t1, (char)t2, (char)t3, (char)t4, (char)t5, (char)t6, (char)t7,
        (char)t8, (char)t9, (char)t10, (char)t11, (char)t12, (char)t13, (char)t14, (char)t15);
}

/// The error bits of each 32-byte block: `input` and the block before it (`previous`).
__attribute__((target("avx2"))) static inline __m256i block_errors(__m256i input, __m256i previous,
    __m256i byte1High, __m256i byte1Low, __m256i byte2High) {
    __m256i prev1 = PREV(input, previous, 1);
    __m256i special = _mm256_and_si256(
        _mm256_and_si256(_mm256_shuffle_epi8(byte1High, nibbles_high(prev1)),
                         _mm256_shuffle_epi8(byte1Low, _mm256_and_si256(prev1, _mm256_set1_epi8(0x0F)))),
        _mm256_shuffle_epi8(byte2High, nibbles_high(input)));
    // Where two bytes back is a lead of three or four bytes, or three back one of four, this byte must be a
    // continuation: its TWO_CONTS bit (0x80) is then expected, and an error otherwise.
    __m256i prev2 = PREV(input, previous, 2), prev3 = PREV(input, previous, 3);
    __m256i third = _mm256_subs_epu8(prev2, _mm256_set1_epi8((char)(0xE0 - 0x80)));
    __m256i fourth = _mm256_subs_epu8(prev3, _mm256_set1_epi8((char)(0xF0 - 0x80)));
    __m256i must = _mm256_and_si256(_mm256_or_si256(third, fourth), _mm256_set1_epi8((char)0x80));
    return _mm256_xor_si256(must, special);
}

__attribute__((target("avx2"))) static int validate_avx2(const uint8_t *p, size_t n) {
    const __m256i byte1High = table(
        // 0_______ ________: ASCII first
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        // 10______ ________: a continuation first
        TWO_CONTS, TWO_CONTS, TWO_CONTS, TWO_CONTS,
        // 1100____, 1101____: a two-byte lead
        TOO_SHORT | OVERLONG_2, TOO_SHORT,
        // 1110____: a three-byte lead
        TOO_SHORT | OVERLONG_3 | SURROGATE,
        // 1111____: a four-byte lead (or worse)
        TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4);
    const __m256i byte1Low = table(
        CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4,        // ____0000
        CARRY | OVERLONG_2,                                  // ____0001
        CARRY, CARRY,                                        // ____001_
        CARRY | TOO_LARGE,                                   // ____0100
        CARRY | TOO_LARGE | TOO_LARGE_1000,                  // ____0101
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,   // ____011_
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,   // ____1___
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000,
        CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE,      // ____1101
        CARRY | TOO_LARGE | TOO_LARGE_1000, CARRY | TOO_LARGE | TOO_LARGE_1000);
    const __m256i byte2High = table(
        // ________ 0_______: ASCII second
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        // ________ 1000____
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4,
        // ________ 1001____
        TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE,
        // ________ 101_____
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE,
        // ________ 11______: a lead second
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    // A block ending inside a sequence: its last byte a lead of 2+, the one before of 3+, or two before of 4.
    const __m256i incompleteAbove = _mm256_setr_epi8(
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    __m256i previous = _mm256_setzero_si256();
    __m256i error = _mm256_setzero_si256();
    __m256i incomplete = _mm256_setzero_si256();
    size_t i = 0;
    for (;;) {
        __m256i input;
        if (i + 32 <= n) {
            input = _mm256_loadu_si256((const __m256i *)(p + i));
        } else if (i < n) {
            // The last bytes, ASCII zeros after them: a sequence cut by the end then shows as too short.
            uint8_t last[32] = {0};
            memcpy(last, p + i, n - i);
            input = _mm256_loadu_si256((const __m256i *)last);
        } else {
            break;
        }
        i += 32;
        if (_mm256_movemask_epi8(input) == 0) {
            // All ASCII: right unless the block before ended inside a sequence.
            error = _mm256_or_si256(error, incomplete);
            incomplete = _mm256_setzero_si256();
        } else {
            error = _mm256_or_si256(error, block_errors(input, previous, byte1High, byte1Low, byte2High));
            // Beyond 0xF0-1, 0xE0-1, 0xC0-1 in the last three bytes (unsigned): max(x, limit) != limit.
            incomplete = _mm256_xor_si256(_mm256_max_epu8(input, incompleteAbove), incompleteAbove);
        }
        previous = input;
        if ((i & 4095) == 0 && !_mm256_testz_si256(error, error)) return 0;
    }
    error = _mm256_or_si256(error, incomplete);
    return _mm256_testz_si256(error, error) ? 1 : 0;
}

static int has_avx2(void) {
    static int known = -1;   // -1 not asked yet; every thread that asks stores the same answer
    int avx2 = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (avx2 < 0) {
        __builtin_cpu_init();
        avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&known, avx2, __ATOMIC_RELAXED);
    }
    return avx2;
}

int fulian_utf8_validate(const uint8_t *bytes, size_t count) {
    if (!has_avx2()) return -1;
    if (count == 0) return 1;
    return validate_avx2(bytes, count);
}

// MARK: CSV stops

/// The two stop masks of one 64-byte block.
__attribute__((target("avx2"))) static inline void stops_avx2(const uint8_t *p, __m256i d, __m256i q, __m256i lf,
    __m256i cr, uint64_t *field, uint64_t *quoted) {
    __m256i lo = _mm256_loadu_si256((const __m256i *)p), hi = _mm256_loadu_si256((const __m256i *)(p + 32));
    __m256i lineLo = _mm256_or_si256(_mm256_cmpeq_epi8(lo, lf), _mm256_cmpeq_epi8(lo, cr));
    __m256i lineHi = _mm256_or_si256(_mm256_cmpeq_epi8(hi, lf), _mm256_cmpeq_epi8(hi, cr));
    uint64_t fLo = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(lineLo, _mm256_cmpeq_epi8(lo, d)));
    uint64_t fHi = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(lineHi, _mm256_cmpeq_epi8(hi, d)));
    uint64_t qLo = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(lineLo, _mm256_cmpeq_epi8(lo, q)));
    uint64_t qHi = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(lineHi, _mm256_cmpeq_epi8(hi, q)));
    *field = fLo | fHi << 32;
    *quoted = qLo | qHi << 32;
}

__attribute__((target("avx2"))) static void csv_stops_avx2(const uint8_t *p, size_t n, uint8_t delimiter, uint8_t quote,
    uint64_t *field, uint64_t *quoted) {
    const __m256i d = _mm256_set1_epi8((char)delimiter), q = _mm256_set1_epi8((char)quote);
    const __m256i lf = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
    size_t w = 0;
    for (; (w + 1) * 64 <= n; w++) stops_avx2(p + w * 64, d, q, lf, cr, &field[w], &quoted[w]);
    if (w * 64 < n) {
        uint8_t last[64] = {0};
        size_t left = n - w * 64;
        memcpy(last, p + w * 64, left);
        stops_avx2(last, d, q, lf, cr, &field[w], &quoted[w]);
        uint64_t keep = ~0ULL >> (64 - left);
        field[w] &= keep;
        quoted[w] &= keep;
    }
}

/// The same with SSE2, which every x86-64 processor has.
static void csv_stops_sse2(const uint8_t *p, size_t n, uint8_t delimiter, uint8_t quote, uint64_t *field, uint64_t *quoted) {
    const __m128i d = _mm_set1_epi8((char)delimiter), q = _mm_set1_epi8((char)quote);
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    size_t words = (n + 63) / 64;
    for (size_t w = 0; w < words; w++) {
        uint8_t last[64];
        const uint8_t *b = p + w * 64;
        size_t left = n - w * 64;
        if (left < 64) {
            memset(last, 0, sizeof last);
            memcpy(last, b, left);
            b = last;
        }
        uint64_t f = 0, qq = 0;
        for (int k = 0; k < 4; k++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(b + 16 * k));
            __m128i line = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
            f |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(line, _mm_cmpeq_epi8(v, d))) << (16 * k);
            qq |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(line, _mm_cmpeq_epi8(v, q))) << (16 * k);
        }
        if (left < 64) {
            uint64_t keep = ~0ULL >> (64 - left);
            f &= keep;
            qq &= keep;
        }
        field[w] = f;
        quoted[w] = qq;
    }
}

int fulian_csv_stops_using(int instructions, const uint8_t *bytes, size_t count, uint8_t delimiter, uint8_t quote,
                           uint64_t *fieldStops, uint64_t *quotedStops) {
    if (instructions >= 2 && has_avx2()) {
        if (count > 0) csv_stops_avx2(bytes, count, delimiter, quote, fieldStops, quotedStops);
        return 2;
    }
    if (instructions >= 1) {
        csv_stops_sse2(bytes, count, delimiter, quote, fieldStops, quotedStops);
        return 1;
    }
    csv_stops_plain(bytes, count, delimiter, quote, fieldStops, quotedStops);
    return 0;
}

#else

int fulian_utf8_validate(const uint8_t *bytes, size_t count) {
    (void)bytes;
    (void)count;
    return -1;
}

int fulian_csv_stops_using(int instructions, const uint8_t *bytes, size_t count, uint8_t delimiter, uint8_t quote,
                           uint64_t *fieldStops, uint64_t *quotedStops) {
    (void)instructions;
    csv_stops_plain(bytes, count, delimiter, quote, fieldStops, quotedStops);
    return 0;
}

#endif

void fulian_csv_stops(const uint8_t *bytes, size_t count, uint8_t delimiter, uint8_t quote,
                      uint64_t *fieldStops, uint64_t *quotedStops) {
    (void)fulian_csv_stops_using(2, bytes, count, delimiter, quote, fieldStops, quotedStops);
}
