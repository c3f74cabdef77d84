import Interchange
import CareModel

/// `children_in_care.csv`: a snapshot of the children already in care (written by `generate`).
public enum ChildrenInCareFile {
    public static let columns = [
        "child_id", "age", "sex", "age_at_entry", "months_in_care", "placement_type", "household_id", "district",
        "home_lat", "home_lon", "placement_lat", "placement_lon", "distance_miles", "needs", "ethnicity",
    ]

    /// Renders the snapshot as CSV text.
    public static func render(_ children: [ChildInCare]) -> String {
        let rows = children.map { c -> [String] in
            [
                c.child.id.rawValue, String(c.child.age), c.child.sex.rawValue, String(c.ageAtEntry), String(c.monthsInCare),
                c.placement.rawValue, c.household?.rawValue ?? "", c.child.district ?? "",
                Coordinate.format(c.child.home.latitude), Coordinate.format(c.child.home.longitude),
                Coordinate.format(c.placementLocation.latitude), Coordinate.format(c.placementLocation.longitude),
                Coordinate.fixed(c.distanceFromHomeMiles, decimals: 1), c.child.needs.joinedTokens, c.child.ethnicity ?? "",
            ]
        }
        return CSV.render(header: columns, rows: rows)
    }
}
