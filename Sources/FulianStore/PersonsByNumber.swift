/// The persons a batch has met, by ID number (its ``IDNumber/digits``, the first 17 digits as one integer):
/// an open-addressing table of key and person id side by side, so a look-up is one multiply and, mostly,
/// one cache line. Issue #17: the standard dictionary's probing and hashing took ~11 % of the writing
/// thread of a 1M-row aid import (250k persons, a look-up a row; perf: 7.5 % in its find, ~3.5 % hashing).
struct PersonsByNumber {
    /// Key, id, key, id, …; a key of `Int64.min` marks an empty slot (digits are never negative).
    private var slots: [Int64]
    private var shift: UInt64
    /// Persons held.
    private(set) var count = 0
    private static let empty = Int64.min

    /// An empty table.
    init() {
        slots = PersonsByNumber.emptySlots(1 << 10)
        shift = 64 - 10
    }

    private static func emptySlots(_ places: Int) -> [Int64] {
        var s = [Int64](repeating: 0, count: places * 2)
        for i in stride(from: 0, to: s.count, by: 2) { s[i] = empty }
        return s
    }

    @inline(__always)
    private func place(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The person id of `key`; setting stores it (keys are never removed).
    subscript(key: Int64) -> Int64? {
        get {
            precondition(key != PersonsByNumber.empty)
            let mask = slots.count / 2 - 1
            var i = place(key)
            return slots.withUnsafeBufferPointer { s in
                while true {
                    let k = s[2 * i]
                    if k == key { return s[2 * i + 1] }
                    if k == PersonsByNumber.empty { return nil }
                    i = (i + 1) & mask
                }
            }
        }
        set {
            precondition(key != PersonsByNumber.empty)
            guard let newValue else { preconditionFailure("persons are never removed") }
            if (count + 1) * 2 > slots.count / 2 { grow() }
            if put(key, newValue) { count += 1 }
        }
    }

    /// Stores `value` under `key`; true when the key is new.
    private mutating func put(_ key: Int64, _ value: Int64) -> Bool {
        let mask = slots.count / 2 - 1
        var i = place(key)
        return slots.withUnsafeMutableBufferPointer { s in
            while true {
                let k = s[2 * i]
                if k == key { s[2 * i + 1] = value; return false }
                if k == PersonsByNumber.empty {
                    s[2 * i] = key
                    s[2 * i + 1] = value
                    return true
                }
                i = (i + 1) & mask
            }
        }
    }

    /// Doubles the table (kept at most half full).
    private mutating func grow() {
        let old = slots
        slots = PersonsByNumber.emptySlots(old.count)   // twice the places: each holds two values
        shift -= 1
        for i in stride(from: 0, to: old.count, by: 2) where old[i] != PersonsByNumber.empty {
            _ = put(old[i], old[i + 1])
        }
    }
}
