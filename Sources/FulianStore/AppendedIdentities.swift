/// The identities (person, programme, date, amount) of the disbursements a bulk load has appended, so
/// that a row repeating an earlier row of the file is found as it comes, instead of by a unique index
/// build that fails at the end and a second pass over the table.
///
/// An open-addressing table of 64-bit slots, each holding a 32-bit fingerprint of an identity's hash
/// (which also gives the slot's place, so the table can grow without the identities) and the row's
/// ordinal among the appended rows. A fingerprint only narrows the search: ``BatchWriter`` confirms a
/// candidate by reading that row back and comparing the identity exactly, so a collision never makes
/// two different rows duplicates. 8 bytes a slot, at most 4 slots for 3 rows: 16 MB for a million rows.
struct AppendedIdentities {
    /// 0 = empty; else `fingerprint << 32 | (ordinal + 1)`.
    private var slots: [UInt64]
    private var mask: UInt64
    /// Rows recorded so far (the next ordinal).
    private(set) var count = 0

    /// The most rows the table can name (a slot's low 32 bits, 0 meaning empty).
    static let maxRows = Int(UInt32.max) - 1

    /// An empty table.
    init() {
        slots = [UInt64](repeating: 0, count: 1 << 12)
        mask = UInt64(slots.count - 1)
    }

    /// The 32-bit fingerprint of an identity (a multiply-xorshift mix of its four values).
    static func fingerprint(person: Int64, program: Int64, day: Int64, fen: Int64) -> UInt64 {
        func mix(_ h: UInt64, _ v: Int64) -> UInt64 {
            let m = (h ^ UInt64(bitPattern: v)) &* 0xBF58_476D_1CE4_E5B9
            return m ^ (m >> 31)
        }
        var h = mix(mix(mix(mix(0x9E37_79B9_7F4A_7C15, person), program), day), fen)
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return (h ^ (h >> 32)) & 0xFFFF_FFFF
    }

    /// Calls `body` with the ordinal of each recorded row of this fingerprint until it returns true;
    /// returns whether one did. (A bulk load records one row per identity, so at most one can match.)
    func first(_ fingerprint: UInt64, where body: (Int) throws -> Bool) rethrows -> Bool {
        var i = fingerprint & mask
        while slots[Int(i)] != 0 {
            let s = slots[Int(i)]
            if s >> 32 == fingerprint, try body(Int(s & 0xFFFF_FFFF) - 1) { return true }
            i = (i + 1) & mask
        }
        return false
    }

    /// Records the next row (ordinal ``count``) under `fingerprint`.
    mutating func append(_ fingerprint: UInt64) {
        precondition(count < AppendedIdentities.maxRows, "more appended rows than a slot can name")
        if (count + 1) * 4 > slots.count * 3 { grow() }
        put(fingerprint << 32 | UInt64(count + 1))
        count += 1
    }

    private mutating func put(_ slot: UInt64) {
        var i = (slot >> 32) & mask
        while slots[Int(i)] != 0 { i = (i + 1) & mask }
        slots[Int(i)] = slot
    }

    /// Doubles the table (up to the 2^32 places a fingerprint can give; past that, clusters just grow).
    private mutating func grow() {
        guard slots.count < 1 << 32 else { return }
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = UInt64(slots.count - 1)
        for s in old where s != 0 { put(s) }
    }
}
