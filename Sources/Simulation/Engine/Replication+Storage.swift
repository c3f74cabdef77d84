extension Replication {
    /// Takes over the largest arrays of `used`, a replication that has finished on this thread,
    /// emptied with their capacity kept: the children and their snapshot rows, the groups and
    /// lists of the register, the households, the children's homes in kernel terms and the event
    /// calendar. Must be called before `run`.
    ///
    /// A replication at national size fills about a hundred megabytes; taken fresh from the
    /// system each time, every page of it costs a fault and a zeroing by the kernel. Handed on
    /// from the run before, the memory is already mapped. Nothing the run reads is carried over:
    /// every array is empty afterwards, as in a new replication, so the run is the same.
    /// - Complexity: O(elements of `used` that need destroying: the households).
    mutating func reuseStorage(of used: inout Replication) {
        register.reuseStorage(of: &used.register)
        swap(&households, &used.households)
        households.removeAll(keepingCapacity: true)
        swap(&kernelHomes, &used.kernelHomes)
        kernelHomes.removeAll(keepingCapacity: true)
        swap(&calendar, &used.calendar)
        calendar.removeAll()
    }
}
