import CareModel
import Interchange
import Simulation

/// The unmet-need profile in files: the `unmet_need` section of `summary.json` and
/// `unmet_need.csv`, byte-for-byte reproducible (numbers by `SimulationResultWriters.number`).
public enum UnmetNeedWriters {
    /// The keys of the group sizes in files: `1`, `2`, `3` and `4_plus`.
    public static func groupSizeKey(_ size: Int) -> String { size >= 4 ? "4_plus" : String(size) }

    /// The `unmet_need` object of `summary.json` (without the key), indented for its place.
    public static func summarySection(_ profile: UnmetNeedProfile) -> String {
        func bands(_ p: Percentiles) -> String { SimulationResultWriters.bands(p) }
        func quote(_ s: String) -> String { SimulationResultWriters.quote(s) }
        func years(_ list: [Percentiles]) -> String {
            "[" + list.enumerated().map { "{\"year\": \($0.offset + 1), \"p10\": \(SimulationResultWriters.number($0.element.p10)), \"p50\": \(SimulationResultWriters.number($0.element.p50)), \"p90\": \(SimulationResultWriters.number($0.element.p90))}" }.joined(separator: ", ") + "]"
        }
        func object(_ entries: [(String, String)], indent: String) -> String {
            "{\n" + entries.map { "\(indent)  \(quote($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
        }
        var fields: [(String, String)] = []
        fields.append(("far_from_home_miles", SimulationResultWriters.number(KPI.farFromHomeMiles)))
        fields.append(("children", bands(profile.horizonTotal)))
        fields.append(("children_by_year", years(profile.total)))
        fields.append(("by_reason", object(TurnAwayReason.allCases.map { reason in
            (reason.key, "{\"children\": \(bands(profile.horizonByReason[Int(reason.rawValue)])), \"by_year\": \(years(profile.byReason[Int(reason.rawValue)]))}")
        }, indent: "    ")))
        fields.append(("by_age_band", object(AgeBand.allCases.map { ($0.key, years(profile.byAgeBand[$0.rawValue])) }, indent: "    ")))
        fields.append(("by_group_size", object((1...4).map { (groupSizeKey($0), years(profile.byGroupSize[$0 - 1])) }, indent: "    ")))
        fields.append(("by_district", object(profile.districts.indices.map { (profile.districts[$0], years(profile.byDistrict[$0])) }, indent: "    ")))
        fields.append(("by_need", object(NeedCategory.allCases.map { ($0.key, years(profile.byNeed[Int($0.rawValue)])) }, indent: "    ")))
        let carers = profile.carers.enumerated().map { rank, need in
            let p = need.profile
            return "      {\"rank\": \(rank + 1), \"district\": \(quote(districtName(profile, p.district))), \"age_from\": \(p.ageRange.lowerBound), "
                + "\"age_to\": \(p.ageRange.upperBound), \"places\": \(p.places), \"approval\": \(quote(p.approval.rawValue)), "
                + "\"skills\": [\(p.skills.tokenList.map(quote).joined(separator: ", "))], \"children\": \(bands(need.children)), "
                + "\"children_all_runs\": \(need.total)}"
        }
        fields.append(("carers_we_need", carers.isEmpty ? "[]" : "[\n" + carers.joined(separator: ",\n") + "\n    ]"))
        return object(fields, indent: "  ")
    }

    /// `unmet_need.csv`: one row per year, reason, age band, group size, district and need with a
    /// child turned away in some run: the children per run as P10, P50 and P90.
    public static func csv(_ profile: UnmetNeedProfile) -> String {
        let rows = profile.cells.map { cell in
            [
                String(cell.year), cell.reason.key, cell.ageBand.key, groupSizeKey(cell.groupSize),
                districtName(profile, cell.district), cell.need.key, SimulationResultWriters.number(cell.children.p10),
                SimulationResultWriters.number(cell.children.p50), SimulationResultWriters.number(cell.children.p90),
            ]
        }
        return CSV.render(header: ["year", "reason", "age_band", "group_size", "district", "need", "p10", "p50", "p90"], rows: rows)
    }

    static func districtName(_ profile: UnmetNeedProfile, _ d: Int) -> String {
        d < profile.districts.count ? profile.districts[d] : "district \(d + 1)"
    }
}
