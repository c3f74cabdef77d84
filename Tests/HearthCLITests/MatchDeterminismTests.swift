import Dispatch
import Foundation
import HearthCLI
import Testing

/// `hearth match` prints the same bytes whether it has the cores to itself or shares them
/// with other runs (the work split over threads is fixed, not taken from the core count).
@Test func matchOutputIsTheSameWhateverCompetesForTheCores() throws {
    let f = try MatchFixture.county()
    let formats = ["table", "json", "csv"]
    @Sendable func run(_ format: String) -> String {
        let (console, output) = Console.capturing()
        let code = Hearth.run(["match", f.childrenPath, f.householdsPath, "--format", format], console: console)
        return "\(code)\n" + output.stdout
    }
    let alone = formats.map(run)
    #expect(alone.allSatisfy { $0.hasPrefix("0\n") && $0.count > 200 })
    let box = Outputs()
    DispatchQueue.concurrentPerform(iterations: 6) { i in box.set(i, run(formats[i % 3])) }
    for i in 0..<6 { #expect(box.get(i) == alone[i % 3], "run \(i) (\(formats[i % 3]))") }
}

final class Outputs: @unchecked Sendable {
    private var values: [Int: String] = [:]
    private let lock = NSLock()
    func set(_ i: Int, _ value: String) { lock.lock(); values[i] = value; lock.unlock() }
    func get(_ i: Int) -> String? { lock.lock(); defer { lock.unlock() }; return values[i] }
}
