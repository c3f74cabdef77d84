/// Hints to the processor that memory will be read soon, so that a cache miss the program can
/// see coming overlaps other work instead of stalling it.
///
/// ## Design note
/// The simulator's handlers each touch a few records picked by the event (a child, a household,
/// their snapshot rows) out of arrays far larger than the caches, so at national size most of
/// their time is spent waiting for memory rather than computing. The next event is known one
/// event ahead (the top of the calendar's heap), and a monthly pass knows the entries it will
/// read a few entries ahead; a prefetch for those addresses starts the transfer while the
/// current work runs (software prefetching; Intel, "64 and IA-32 Architectures Optimization
/// Reference Manual", section on software prefetch; Mowry, Lam and Gupta, "Design and
/// evaluation of a compiler algorithm for prefetching", ASPLOS 1992). A prefetch never faults,
/// never changes a value the program reads, and may be dropped by the processor, so results
/// are the same with or without it; only the time changes.
///
/// Swift has no prefetch statement; `read(_:)` calls LLVM's `llvm.prefetch` intrinsic through
/// its symbol name (`@_silgen_name`), which LLVM lowers to the target's prefetch instruction
/// (`prefetcht0` on x86-64, `prfm pldl1keep` on ARM64) or to nothing where there is none.
package enum Prefetch {
    /// Asks for the cache line holding `address` to be brought close to the core, to be read.
    /// - Complexity: O(1); never faults, whatever the address.
    @inlinable @inline(__always)
    package static func read(_ address: UnsafeRawPointer) {
        llvmPrefetch(address, 0, 3, 1)
    }

    /// Asks for every cache line of the `bytes` bytes from `address` (lines of 64 bytes, as on
    /// x86-64 and most ARM64 cores; at most a few lines).
    /// - Complexity: O(bytes / 64).
    @inlinable @inline(__always)
    package static func read(_ address: UnsafeRawPointer, bytes: Int) {
        var offset = 0
        while offset < bytes {
            llvmPrefetch(address + offset, 0, 3, 1)
            offset += 64
        }
        // The last byte's line, which the steps above miss when `address` is not line-aligned.
        if bytes > 1 { llvmPrefetch(address + (bytes - 1), 0, 3, 1) }
    }
}

/// LLVM's prefetch intrinsic: (address, 0 read / 1 write, locality 0-3, 1 data / 0 instruction
/// cache). The three integers must be constants at every call.
@usableFromInline @_silgen_name("llvm.prefetch.p0")
func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ cache: Int32)
