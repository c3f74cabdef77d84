import CareModel
import Testing
@testable import Simulation

/// Common random numbers hold run by run: a variant that changes one rate moves each run only
/// the way the rate pushes it (pathwise), and paired differences are much narrower than
/// unpaired ones.
@Suite struct CommonRandomNumbersTests {
    static let runs = 12
    static let years = 3

    static func run(_ name: String, runs: Int = runs, years: Int = years) -> SimulationResults {
        run(try! ScenarioFile.bundled(name), runs: runs, years: years)
    }

    static func run(_ scenario: Scenario, runs: Int = runs, years: Int = years) -> SimulationResults {
        MonteCarlo.run(scenario: scenario, start: SimTest.countyStart, runs: runs, years: years, seed: 2024, threads: 2)
    }

    /// The baseline, run once for every test here.
    static let baseline = run("county-baseline")

    /// The baseline without the feedback from placements to carers (carers who stop after a
    /// child goes home or to a special guardian).
    static func withoutCarerFeedback(_ name: String) -> Scenario {
        var s = try! ScenarioFile.bundled(name)
        s.carers.leaveAfterReturnHome = 0
        s.carers.leaveAfterSpecialGuardianship = 0
        return s
    }
    static let quietBaseline = run(withoutCarerFeedback("county-baseline"))

    /// Every (run, month) pair where `kpi` of `b` is above (`sign` 1) or below (-1) that of `a`.
    static func against(_ a: SimulationResults, _ b: SimulationResults, _ kpi: KPI, sign: Double) -> [(run: Int, month: Int, by: Double)] {
        var found: [(Int, Int, Double)] = []
        for r in 0..<a.runs {
            for m in 0...a.months {
                let d = SimTest.value(b, run: r, kpi, month: m) - SimTest.value(a, run: r, kpi, month: m)
                if d * sign > 0 { found.append((r, m, d)) }
            }
        }
        return found
    }

    /// Faster permanence shortens stays: in no run and no month are more children in care.
    @Test func shorterStaysNeverLeaveMoreChildrenInCare() {
        let base = Self.baseline, faster = Self.run("faster-permanence")
        #expect(Self.against(base, faster, .childrenInCare, sign: 1).isEmpty)
        #expect(Self.against(base, faster, .exits, sign: -1).count < base.runs * base.months)  // not trivially equal
        // The variant does something: by the horizon most runs have fewer children in care.
        let fewer = (0..<base.runs).filter {
            SimTest.value(faster, run: $0, .childrenInCare, month: base.months) < SimTest.value(base, run: $0, .childrenInCare, month: base.months)
        }
        #expect(fewer.count > base.runs / 2)
    }

    /// Growing entries: every month at least as many entries, and never fewer children in care.
    @Test func moreEntriesNeverFewerChildrenInCare() {
        let base = Self.baseline, growing = Self.run("entries-growing-5pc")
        #expect(Self.against(base, growing, .entries, sign: -1).isEmpty)
        #expect(Self.against(base, growing, .childrenInCare, sign: -1).isEmpty)
        #expect(!Self.against(base, growing, .childrenInCare, sign: 1).isEmpty)
    }

    /// More enquiries: every month at least as many approvals; households never fewer over the
    /// first years, except through the one feedback of the model (carers who stop after a
    /// child goes home or to a special guardian, which depends on who was placed where), and
    /// then by very little.
    @Test func moreApprovalsNeverFewerHouseholds() {
        let base = Self.baseline, more = Self.run("recruit-40-a-year")
        #expect(Self.against(base, more, .approvals, sign: -1).isEmpty)
        let fewer = Self.against(base, more, .households, sign: -1)
        let pairs = base.runs * (base.months + 1)
        #expect(Double(fewer.count) <= 0.02 * Double(pairs), "fewer households in \(fewer.count) of \(pairs) run-months")
        #expect(fewer.allSatisfy { $0.by >= -2 }, "\(fewer)")
        // Without that feedback it is exact.
        let a = Self.quietBaseline, b = Self.run(Self.withoutCarerFeedback("recruit-40-a-year"))
        #expect(Self.against(a, b, .households, sign: -1).isEmpty)
        #expect(!Self.against(a, b, .households, sign: 1).isEmpty)
    }

    /// Halving resignations from month 6: never fewer households (same feedback as above).
    @Test func fewerResignationsNeverFewerHouseholds() {
        let a = Self.quietBaseline, b = Self.run(Self.withoutCarerFeedback("halve-resignations"))
        #expect(Self.against(a, b, .households, sign: -1).isEmpty)
        #expect(Self.against(a, b, .resignations, sign: 1).count < a.runs * a.months / 4)
        #expect(!Self.against(a, b, .households, sign: 1).isEmpty)
    }

    /// The paired band of each variant's main measures is at most half the unpaired one (two years).
    @Test func pairedBandsAreAtMostHalfTheIndependentOnes() {
        let runs = 30, years = 2
        let base = Self.run("county-baseline", runs: runs, years: years)
        let cases: [(String, [KPI])] = [
            ("entries-growing-5pc", [.childrenInCare, .ifaFoster, .households, .weeklyCost]),
            ("faster-permanence", [.childrenInCare, .ifaFoster, .weeklyCost]),
            ("halve-resignations", [.households, .childrenInCare, .ifaFoster]),
            ("recruit-40-a-year", [.households, .childrenInCare, .ifaFoster]),
            ("own-childrens-homes", [.residential, .ifaFoster, .weeklyCost]),
        ]
        for (name, kpis) in cases {
            let variant = Self.run(name, runs: runs, years: years)
            for kpi in kpis {
                let ratio = PairedBands.ratio(base, variant, kpi, year: years)
                #expect(ratio <= 0.5, "\(name) \(kpi.key): paired/independent \(ratio)")
            }
        }
    }
}
