import CareModel
import Foundation

/// A small map of one child's search, drawn in SVG from the coordinates alone (no tiles, no
/// network): the family home, the school, the 20-mile circle and the households numbered as
/// in the page's lists.
///
/// ## Design note
/// A local equirectangular projection centred on the home (x = Δlongitude · cos(latitude) ·
/// 69.17 miles, y = Δlatitude · 69.05 miles): within 60 miles of a point in England its
/// distances differ from the haversine miles shown in the lists by well under 1%, so the
/// circle and the markers agree with the numbers. The view spans the circle and every marker,
/// up to `maximumSpanMiles`; a marker further away is drawn on the edge in its direction,
/// hollow, so that it is neither lost nor drawn at a false distance.
package enum MeetingMap {
    /// How a household marker is drawn.
    package enum Kind: Sendable {
        /// Proposed by the plan: solid, larger.
        case proposed
        /// On the shortlist: outlined.
        case candidate
        /// A near miss (fails a rule): dashed outline.
        case nearMiss
    }

    /// A numbered household on the map.
    package struct Marker: Sendable {
        package var label: String
        package var location: Location
        package var kind: Kind
        package init(label: String, location: Location, kind: Kind) {
            self.label = label
            self.location = location
            self.kind = kind
        }
    }

    /// Half the width of the widest view in miles: markers beyond sit on the edge.
    package static let maximumSpanMiles = 60.0
    static let size = 280.0

    /// The SVG of the map, with `title` as its accessible name.
    package static func svg(home: Location, school: Location?, markers: [Marker], circleMiles: Double, title: String) -> String {
        let cosLatitude = cos(home.latitude * Double.pi / 180)
        func miles(_ l: Location) -> (x: Double, y: Double) {
            ((l.longitude - home.longitude) * cosLatitude * 69.17, (l.latitude - home.latitude) * 69.05)
        }
        var span = circleMiles * 1.12
        for point in markers.map(\.location) + (school.map { [$0] } ?? []) {
            let p = miles(point)
            span = max(span, (p.x * p.x + p.y * p.y).squareRoot() * 1.1 + 2)
        }
        span = min(span, max(maximumSpanMiles, circleMiles * 1.12))
        let centre = size / 2
        let scale = (size / 2 - 6) / span
        /// Screen position, clamped to the edge of the view; `clamped` when it was.
        func screen(_ l: Location) -> (x: Double, y: Double, clamped: Bool) {
            var p = miles(l)
            let r = (p.x * p.x + p.y * p.y).squareRoot()
            let limit = span * 0.96
            var clamped = false
            if r > limit {
                p = (p.x * limit / r, p.y * limit / r)
                clamped = true
            }
            return (centre + p.x * scale, centre - p.y * scale, clamped)
        }
        func f(_ x: Double) -> String { MeetingWords.fixed(x, 1) }

        var o = "<svg class=\"map\" viewBox=\"0 0 \(f(size)) \(f(size))\" role=\"img\" aria-label=\"\(MeetingPage.escape(title))\">"
        o += "<rect class=\"map-bg\" x=\"0\" y=\"0\" width=\"\(f(size))\" height=\"\(f(size))\"/>"
        o += "<circle class=\"map-circle\" cx=\"\(f(centre))\" cy=\"\(f(centre))\" r=\"\(f(circleMiles * scale))\"/>"
        o += "<text class=\"map-note\" x=\"\(f(centre))\" y=\"\(f(max(10, centre - circleMiles * scale - 3)))\" text-anchor=\"middle\">\(MeetingWords.fixed(circleMiles, 0)) miles</text>"
        // Scale bar: 5, 10 or 20 miles, about a quarter of the width.
        let bar = [5.0, 10, 20, 25, 50].first { $0 * scale >= size / 6 } ?? 50
        o += "<path class=\"map-scale\" d=\"M8 \(f(size - 10))h\(f(bar * scale))\"/>"
        o += "<text class=\"map-note\" x=\"8\" y=\"\(f(size - 14))\">\(MeetingWords.fixed(bar, 0)) miles</text>"
        // Households first; the home and school on top, small; a household drawn over the home
        // is moved out to `clearance` pixels with a thin line to where it really is.
        let clearance = 15.0
        for m in markers.sorted(by: { ($0.kind == .proposed ? 1 : 0) < ($1.kind == .proposed ? 1 : 0) }) {
            let p = screen(m.location)
            var at = (x: p.x, y: p.y)
            let dx = p.x - centre, dy = p.y - centre, r = (dx * dx + dy * dy).squareRoot()
            if r < clearance {
                at = r < 0.5 ? (centre + clearance * 0.7071, centre - clearance * 0.7071) : (centre + dx / r * clearance, centre + dy / r * clearance)
                o += "<path class=\"map-leader\" d=\"M\(f(p.x)) \(f(p.y))L\(f(at.x)) \(f(at.y))\"/>"
            }
            let kindClass = m.kind == .proposed ? "proposed" : m.kind == .candidate ? "candidate" : "miss"
            let radius = m.kind == .proposed ? 9.5 : 8
            o += "<g class=\"map-mark \(kindClass)\(p.clamped ? " beyond" : "")\"><circle cx=\"\(f(at.x))\" cy=\"\(f(at.y))\" r=\"\(f(radius))\"/>"
            o += "<text x=\"\(f(at.x))\" y=\"\(f(at.y + 3.6))\" text-anchor=\"middle\">\(MeetingPage.escape(m.label))</text></g>"
        }
        o += "<path class=\"map-home\" d=\"M\(f(centre)) \(f(centre - 6))l6 5v6h-12v-6z\"><title>family home</title></path>"
        if let school {
            let s = screen(school)
            o += "<path class=\"map-school\" d=\"M\(f(s.x)) \(f(s.y - 5))l5 9h-10z\"><title>school</title></path>"
        }
        return o + "</svg>"
    }
}
