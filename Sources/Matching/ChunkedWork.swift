import Dispatch

/// Work split in chunks that run on the calling thread when they are too small to be worth
/// waking other threads, or else over `DispatchQueue.concurrentPerform`.
///
/// Small plans are made many times over inside simulations that already keep every core busy
/// (a family-finding meeting's plan of a few units), where handing a few microseconds of work
/// to the thread pool costs more than the work. Each chunk writes only its own results, so the
/// answer is the same either way.
enum ChunkedWork {
    /// Work items, in kernel scores' worth (a pair scored by the kernel is one), below which the
    /// work runs on the calling thread.
    static let inlineBelow = 20_000

    /// Whether work of `items` items runs on the calling thread.
    @inline(__always)
    static func runsInline(items: Int) -> Bool { items < inlineBelow }

    /// `wanted` chunks (at least one), or one chunk when work of `items` items runs inline.
    @inline(__always)
    static func chunks(_ wanted: Int, items: Int) -> Int { runsInline(items: items) ? 1 : max(1, wanted) }

    /// Runs `body(c)` for every `c` in `0 ..< count`: in order on the calling thread when `inline`
    /// or there is only one, otherwise concurrently.
    @inline(__always)
    static func run(_ count: Int, inline: Bool, _ body: @Sendable (Int) -> Void) {
        if inline || count <= 1 {
            for c in 0 ..< count { body(c) }
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }
}
