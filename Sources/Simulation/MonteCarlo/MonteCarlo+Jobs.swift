import CareModel
import Dispatch
import Foundation

extension MonteCarlo {
    /// One replication to run: run number `run` (its random stream) of `scenario`.
    package struct Job: Sendable {
        package var run: Int
        package var scenario: Scenario
        package init(run: Int, scenario: Scenario) {
            self.run = run
            self.scenario = scenario
        }
    }

    /// Runs each job, in parallel, and returns the results in job order: job `(r, s)` gives
    /// exactly what run `r` of `replicate(scenario: s, ...)` gives, so a search can move each
    /// run's scenario on its own and stay on common random numbers.
    ///
    /// The jobs' scenarios must have the same district weights (`entries.district_weights`,
    /// `carers.recruitment.district_weights`), which the shared starting lookups read.
    /// - Complexity: O(jobs x replication), split statically over `threads` workers.
    package static func replicate(
        jobs: [Job], start: StartingPopulation, years: Int, seed: UInt64, threads: Int? = nil
    ) -> [ReplicationResult] {
        guard let first = jobs.first else { return [] }
        precondition(
            jobs.allSatisfy {
                $0.scenario.entries.districtWeights == first.scenario.entries.districtWeights
                    && $0.scenario.carers.recruitment.districtWeights == first.scenario.carers.recruitment.districtWeights
            }, "jobs must share district weights")
        let prepared = PreparedStart(start, scenario: first.scenario)
        let resolved = jobs.map { $0.scenario.resolvingDates() }
        let months = max(0, years) * 12
        let streams = self.streams(seed: seed, count: (jobs.map(\.run).max() ?? 0) + 1)
        let count = jobs.count
        let workers = max(1, min(count, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let results = ResultSlots(count: count)
        defer { results.slots.deallocate() }
        let runs = jobs.map(\.run)
        let work: @Sendable (Int) -> Void = { [streams, resolved, runs] w in
            // Workers after the first run on deep copies of their own (`OwnedCopy`); the jobs'
            // scenarios are mostly copies of one, sharing its buffers.
            let prepared = w == 0 ? prepared : prepared.ownedCopy(scenario: first.scenario)
            var j = w
            var finished: Replication? = nil  // the run before, whose memory the next reuses
            while j < count {
                let scenario = w == 0 ? resolved[j] : OwnedCopy.of(resolved[j])
                var replication = Replication(scenario: scenario, start: prepared, months: months, rng: streams[runs[j]])
                if var used = finished.take() { replication.reuseStorage(of: &used) }
                results.slots[j] = replication.run()
                finished = replication
                j += workers
            }
        }
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { work($0) }
        }
        return (0..<count).map { results.slots[$0]! }
    }
}
