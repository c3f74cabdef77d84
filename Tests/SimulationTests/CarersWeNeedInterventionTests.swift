import CareModel
import Testing
@testable import Simulation

/// The carers we need, tested by intervention: the baseline's top carer profile, recruited in
/// place of the default mix (the same number of households approved on the same days, under
/// common random numbers), places fewer children with agencies than the default mix does.
///
/// The profile is recruited as a council would advertise it: its district, approved ages and
/// places, with approvals and skills as the default mix draws them (new carers are approved
/// for short-term, long-term and emergency care together). Recruiting households approved for
/// the profile's one request type alone places more children with agencies than the default
/// mix (docs/guide-simulation.md shows both).
@Suite struct CarersWeNeedInterventionTests {
    /// The baseline with every new household of `profile` instead of the default mix.
    static func recruiting(_ profile: CarerProfile, districts: [String]) -> Scenario {
        var scenario = try! ScenarioFile.bundled("county-baseline")
        var recruit = RecruitmentProfile()
        recruit.district = districts[profile.district]
        recruit.minAge = profile.ageRange.lowerBound
        recruit.maxAge = profile.ageRange.upperBound
        recruit.places = profile.places
        scenario.carers.recruitment.profiles = [recruit]
        return scenario
    }

    @Test func recruitingTheTopProfileCutsAgencyPlacementsMoreThanTheDefaultMix() throws {
        let base = CommonRandomNumbersTests.baseline
        let need = UnmetNeedProfile(base)
        let top = try #require(need.carers.first).profile
        let targeted = CommonRandomNumbersTests.run(Self.recruiting(top, districts: base.districts.map(\.name)))
        var fewer = 0, totalDifference = 0.0
        for run in 0..<base.runs {
            // The same households approved, month by month: only their kind differs.
            for month in 1...base.months {
                #expect(SimTest.value(targeted, run: run, .approvals, month: month) == SimTest.value(base, run: run, .approvals, month: month))
            }
            let difference = SimTest.value(targeted, run: run, .ifaFoster, month: base.months)
                - SimTest.value(base, run: run, .ifaFoster, month: base.months)
            totalDifference += difference
            if difference < 0 { fewer += 1 }
        }
        #expect(totalDifference < 0, "agency placements at the horizon, targeted minus default, summed over runs: \(totalDifference)")
        #expect(fewer > base.runs / 2, "runs with fewer agency placements: \(fewer) of \(base.runs)")
    }
}
