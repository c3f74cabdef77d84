import Foundation

/// One band of a fan chart: the P10-P90 range and the P50 line at each month.
package struct FanSeries: Sendable {
    package var label: String
    /// Hex colour, e.g. `#1f77b4`.
    package var colour: String
    package var p10: [Double]
    package var p50: [Double]
    package var p90: [Double]
    /// The month of the first value (0 = the start; 12 for a rolling yearly total).
    package var firstMonth: Int
    package init(label: String, colour: String, p10: [Double], p50: [Double], p90: [Double], firstMonth: Int = 0) {
        self.label = label
        self.colour = colour
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
        self.firstMonth = firstMonth
    }
}

/// Published figures drawn on a fan chart: points joined by a dashed line, before and during
/// the projection (month 0 = the start; negative months are history).
package struct HistoryPoints: Sendable {
    package var label: String
    package var colour: String
    package var points: [(month: Int, value: Double)]
    package init(label: String, colour: String, points: [(month: Int, value: Double)]) {
        self.label = label
        self.colour = colour
        self.points = points
    }
}

/// Inline SVG fan charts: shaded P10-P90 bands with a P50 line, month on the x axis.
///
/// Plain SVG elements only (no scripts, no fonts or images to fetch), sized by a viewBox so the
/// page scales on screen and on paper.
package enum FanChart {
    package static let width = 640.0
    package static let height = 260.0
    static let left = 64.0, right = 16.0, top = 16.0, bottom = 34.0

    /// A chart of one or more fan series over months 0...n, with year ticks labelled from
    /// `firstYear` (the calendar year of month 0) and optional dashed reference lines.
    package static func svg(
        title: String, series: [FanSeries], firstYear: Int, startMonthOfYear: Int,
        references: [(value: Double, label: String)] = [], format: (Double) -> String, minimumTop: Double = 0,
        zeroBased: Bool = true, history: [HistoryPoints] = []
    ) -> String {
        let months = max(1, series.map { $0.firstMonth + $0.p50.count - 1 }.max() ?? 1)
        let firstMonth = min(0, history.flatMap { $0.points.map(\.month) }.min() ?? 0)
        var high = max(minimumTop, references.map(\.value).max() ?? 0)
        for s in series { high = max(high, s.p90.max() ?? 0, s.p50.max() ?? 0) }
        for h in history { high = max(high, h.points.map(\.value).max() ?? 0) }
        var low = zeroBased ? 0.0 : .infinity
        for s in series { low = min(low, s.p10.min() ?? 0) }
        for h in history { low = min(low, h.points.map(\.value).min() ?? low) }
        for r in references where !zeroBased { low = min(low, r.value) }
        if !low.isFinite { low = 0 }
        // Room for the legend above the highest line.
        if series.count + history.count > 1 { high += (high - min(low, high)) * 0.12 }
        let step = niceStep((high - low) / 4)
        let yMax = max(step, (high / step).rounded(.up) * step)
        let yMin = low < 0 || !zeroBased ? max(zeroBased ? -.infinity : 0, (low / step).rounded(.down) * step - (zeroBased ? 0 : step)) : 0
        let plotW = width - left - right, plotH = height - top - bottom
        func x(_ m: Int) -> Double { left + plotW * Double(m - firstMonth) / Double(months - firstMonth) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - yMin) / (yMax - yMin)) }
        var out = "<svg class=\"fan\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
        out += "<title>\(escape(title))</title>"
        // Grid and y labels.
        var v = yMin
        while v <= yMax + step / 2 {
            out += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(v)))\"/>"
            out += "<text class=\"ylab\" x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(escape(format(v)))</text>"
            v += step
        }
        // Year ticks on the x axis.
        let yearEvery = months - firstMonth > 12 * 12 ? 2 : 1
        var m = -((-firstMonth) / 12) * 12
        var yearIndex = 0
        while m <= months {
            let labelYear = firstYear + Int((Double(startMonthOfYear + m) / 12).rounded(.down))
            out += "<line class=\"tick\" x1=\"\(f(x(m)))\" y1=\"\(f(top + plotH))\" x2=\"\(f(x(m)))\" y2=\"\(f(top + plotH + 4))\"/>"
            if yearIndex % yearEvery == 0 {
                let text = m == 0 ? "start" : m < 0 ? "" : "yr \(m / 12)"
                out += "<text class=\"xlab\" x=\"\(f(x(m)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(text)</text>"
                out += "<text class=\"xlab2\" x=\"\(f(x(m)))\" y=\"\(f(top + plotH + 28))\" text-anchor=\"middle\">\(labelYear)</text>"
            }
            m += 12
            yearIndex += 1
        }
        out += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(width - right))\" y2=\"\(f(top + plotH))\"/>"
        if firstMonth < 0 {
            out += "<line class=\"startline\" x1=\"\(f(x(0)))\" y1=\"\(f(top))\" x2=\"\(f(x(0)))\" y2=\"\(f(top + plotH))\"/>"
        }
        // Bands, then lines on top.
        for s in series {
            var points: [String] = []
            for i in s.p90.indices { points.append("\(f(x(s.firstMonth + i))),\(f(y(s.p90[i])))") }
            for i in s.p10.indices.reversed() { points.append("\(f(x(s.firstMonth + i))),\(f(y(s.p10[i])))") }
            out += "<polygon class=\"band\" fill=\"\(s.colour)\" points=\"\(points.joined(separator: " "))\"/>"
        }
        for s in series {
            let points = s.p50.indices.map { "\(f(x(s.firstMonth + $0))),\(f(y(s.p50[$0])))" }
            out += "<polyline class=\"median\" stroke=\"\(s.colour)\" points=\"\(points.joined(separator: " "))\"/>"
        }
        for h in history {
            let points = h.points.sorted { $0.month < $1.month }
            out += "<polyline class=\"history\" stroke=\"\(h.colour)\" points=\"\(points.map { "\(f(x($0.month))),\(f(y($0.value)))" }.joined(separator: " "))\"/>"
            for p in points {
                out += "<circle class=\"history\" cx=\"\(f(x(p.month)))\" cy=\"\(f(y(p.value)))\" r=\"3.2\" fill=\"\(h.colour)\"><title>\(escape(h.label)): \(escape(format(p.value)))</title></circle>"
            }
        }
        for reference in references {
            out += "<line class=\"reference\" x1=\"\(f(left))\" y1=\"\(f(y(reference.value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(reference.value)))\"/>"
            out += "<text class=\"reflab\" x=\"\(f(width - right - 4))\" y=\"\(f(y(reference.value) - 5))\" text-anchor=\"end\">\(escape(reference.label))</text>"
        }
        // Legend.
        if series.count + history.count > 1 {
            var lx = left + 8
            for s in series {
                out += "<rect x=\"\(f(lx))\" y=\"\(f(top + 2))\" width=\"10\" height=\"10\" fill=\"\(s.colour)\"/>"
                out += "<text class=\"legend\" x=\"\(f(lx + 14))\" y=\"\(f(top + 11))\">\(escape(s.label))</text>"
                lx += 22 + Double(s.label.count) * 6.2
            }
            for h in history {
                out += "<circle cx=\"\(f(lx + 5))\" cy=\"\(f(top + 7))\" r=\"3.2\" fill=\"\(h.colour)\"/>"
                out += "<text class=\"legend\" x=\"\(f(lx + 14))\" y=\"\(f(top + 11))\">\(escape(h.label))</text>"
                lx += 22 + Double(h.label.count) * 6.2
            }
        }
        return out + "</svg>"
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        for m in [1.0, 2, 2.5, 5, 10] where m * power >= raw { return m * power }
        return 10 * power
    }

    /// A coordinate with one decimal.
    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
