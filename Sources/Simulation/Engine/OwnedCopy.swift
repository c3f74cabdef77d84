import Foundation

/// Deep copies of shared read-only values, one per worker thread.
///
/// ## Design note
/// An array, string or dictionary is a reference-counted buffer shared by every copy of the
/// value holding it, and reading it through a copy may retain and release the buffer: two
/// atomic writes to its header. Replications running on two threads from the same scenario and
/// starting population do this to the same headers at nearly every event, and each atomic write
/// takes the cache line away from the other core, so that each replication costs more CPU time
/// on two threads than on one. A worker thread given its own deep copy touches only buffers no other thread reads. A copy is made by encoding
/// and decoding the value and is used only if it equals the original (`==`, field by field),
/// so a replication computes the same numbers from it; otherwise the original is shared.
enum OwnedCopy {
    /// `value` rebuilt from its encoding, so that it shares no buffer with `value`; `value`
    /// itself when the rebuilt value is not equal to it (or cannot be built).
    /// - Complexity: O(size of the encoding).
    static func of<T: Codable & Equatable>(_ value: T) -> T {
        guard let data = try? JSONEncoder().encode(value), let copy = try? JSONDecoder().decode(T.self, from: data),
            copy == value else { return value }
        return copy
    }

    /// The elements of `array` in a buffer of their own (element values copied as they are).
    /// - Complexity: O(n).
    static func buffer<T>(_ array: [T]) -> [T] {
        array.withUnsafeBufferPointer { Array($0) }
    }
}

extension StartingPopulation {
    /// A copy sharing no array or string buffer with this population (see `OwnedCopy`).
    func ownedCopy() -> StartingPopulation {
        var copy = self
        copy.districts = OwnedCopy.buffer(districts).map { district in
            var own = district
            own.name = String(decoding: Array(district.name.utf8), as: UTF8.self)
            return own
        }
        copy.children = OwnedCopy.buffer(children)
        copy.households = OwnedCopy.of(households)
        return copy
    }
}
