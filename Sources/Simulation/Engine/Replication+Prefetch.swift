import CareModel

extension Replication {
    /// Starts bringing into the cache the records the handler of an event of `kind` about
    /// `target` reads first: the child's record and snapshot row, or the household's record
    /// (`Prefetch`). Called with the next event while the current one is handled; changes no
    /// value, only when memory is read.
    /// - Complexity: O(1).
    @inline(__always)
    func prefetchRecords(of kind: EventKind, target: Int32) {
        let t = Int(target)
        switch kind {
        case .exit, .preExitMove, .breakdown, .moveRequest, .supportedMove:
            guard t >= 0, t < register.children.count, t < register.snapshotRows.count else { return }
            register.children.withUnsafeBufferPointer { children in
                Prefetch.read(children.baseAddress! + t, bytes: MemoryLayout<SimChild>.size)
            }
            register.snapshotRows.withUnsafeBufferPointer { rows in
                Prefetch.read(rows.baseAddress! + t, bytes: MemoryLayout<SnapshotRow>.size)
            }
        case .resignation, .holdStart, .holdEnd, .stayingPutEnd:
            guard t >= 0, t < households.count else { return }
            households.withUnsafeBufferPointer { households in
                Prefetch.read(households.baseAddress! + t, bytes: MemoryLayout<SimHousehold>.size)
            }
        case .monthEnd, .arrival, .meeting, .approval, .timeline: return
        }
    }
}
