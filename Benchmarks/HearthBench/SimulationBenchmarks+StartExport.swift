import CareModel
import Foundation
import Interchange
import Simulation

extension SimulationBenchmarks {
    /// Where the county baseline's starting state is written for the same-model SimPy peer.
    static var startExportPath: String { BenchPaths.root + "/Benchmarks/instances/county_baseline_start.json" }

    /// Writes the starting state of `scenario` (every setting resolved, the districts, the
    /// in-house households and the children in care with their placements) to `path`, so that
    /// the SimPy peer starts from the same snapshot as Hearth.
    ///
    /// Children are written in the order Hearth adds them (brothers and sisters next to each
    /// other: by sibling key, then position); households in Hearth's order (their index is
    /// what a child's `household` names). Coordinates are degrees; `needs`, `skills` and
    /// `approvals` are the bit sets of `CareModel` (`Needs`, `Skills`, `Approvals`).
    static func exportStart(_ scenario: Scenario, _ population: StartingPopulation, to path: String) throws {
        let settings = try JSONSerialization.jsonObject(with: Data(ScenarioFile.encode(scenario).utf8))
        let districts = population.districts
        func districtIndex(_ name: String?, _ location: Location) -> Int {
            if let name, let i = districts.firstIndex(where: { $0.name == name }) { return i }
            var best = 0
            for i in districts.indices where districts[i].centre.distanceMiles(to: location) < districts[best].centre.distanceMiles(to: location) {
                best = i
            }
            return best
        }
        let households: [[String: Any]] = population.households.map { h in
            [
                "latitude": h.location.latitude, "longitude": h.location.longitude, "places": h.places,
                "min_age": h.ageRange.lowerBound, "max_age": h.ageRange.upperBound, "approvals": Int(h.approvals.rawValue),
                "skills": Int(h.skills.rawValue), "district": districtIndex(h.district, h.location),
                "on_hold": h.status == .onHold,
            ]
        }
        let order = population.children.indices.sorted { a, b in
            let ka = population.children[a].siblingKey ?? Int.max
            let kb = population.children[b].siblingKey ?? Int.max
            return ka < kb || (ka == kb && a < b)
        }
        let children: [[String: Any]] = order.map { i in
            let c = population.children[i]
            return [
                "age": c.age, "months_in_care": c.monthsInCare, "placement": c.placement.rawValue,
                "household": c.household.map { $0 as Any } ?? NSNull(), "latitude": c.home.latitude,
                "longitude": c.home.longitude, "district": c.district, "needs": Int(c.needs.rawValue),
                "sibling_key": c.siblingKey.map { $0 as Any } ?? NSNull(),
                "distance_miles": c.distanceMiles.map { $0 as Any } ?? NSNull(), "lives_with_siblings": c.livesWithSiblings,
            ]
        }
        let document: [String: Any] = [
            "scenario": settings,
            "pathway_start": population.pathwayStart == .leaveFromPlacement ? "leave_from_placement" : "not_yet_started",
            "districts": districts.map {
                ["name": $0.name, "latitude": $0.centre.latitude, "longitude": $0.centre.longitude,
                 "child_weight": $0.childWeight, "carer_weight": $0.carerWeight] as [String: Any]
            },
            "households": households,
            "children": children,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        try AtomicFile.write(String(decoding: data, as: UTF8.self) + "\n", to: path)
    }
}
