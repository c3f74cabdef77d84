import Foundation
import Simulation

/// Inline SVG tornado charts: for each assumption (largest swing on top), a bar from no change to
/// the P50 effect of moving it down and one to the P50 effect of moving it up, each with a thin
/// line over the effect's P10-P90 (paired over runs).
///
/// Plain SVG elements only, sized by a viewBox, like `FanChart`.
enum TornadoChart {
    static let width = 760.0
    static let labelWidth = 300.0, right = 44.0, top = 30.0, rowHeight = 26.0, bottom = 34.0
    static let downColour = "#3b6ea8", upColour = "#c75b12"

    /// A chart of `effects` (already ranked), values formatted with `format`.
    static func svg(title: String, effects: [SensitivityEffect], change: Double, format: (Double) -> String) -> String {
        let height = top + rowHeight * Double(max(1, effects.count)) + bottom
        var low = 0.0, high = 0.0
        for e in effects {
            low = min(low, e.low.p10, e.high.p10, e.low.p50, e.high.p50)
            high = max(high, e.low.p90, e.high.p90, e.low.p50, e.high.p50)
        }
        if high - low <= 0 { (low, high) = (-1, 1) }
        let step = FanChart.niceStep((high - low) / 4)
        let xMin = (low / step).rounded(.down) * step, xMax = (high / step).rounded(.up) * step
        let plotLeft = labelWidth, plotW = width - labelWidth - right
        func x(_ v: Double) -> Double { plotLeft + plotW * (v - xMin) / max(1e-12, xMax - xMin) }
        let f = FanChart.f
        var out = "<svg class=\"tornado\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" aria-label=\"\(FanChart.escape(title))\">"
        out += "<title>\(FanChart.escape(title))</title>"
        let pct = Int((change * 100).rounded())
        out += "<rect x=\"\(f(plotLeft))\" y=\"8\" width=\"10\" height=\"10\" fill=\"\(downColour)\"/><text class=\"legend\" x=\"\(f(plotLeft + 14))\" y=\"17\">\(pct)% lower</text>"
        out += "<rect x=\"\(f(plotLeft + 110))\" y=\"8\" width=\"10\" height=\"10\" fill=\"\(upColour)\"/><text class=\"legend\" x=\"\(f(plotLeft + 124))\" y=\"17\">\(pct)% higher</text>"
        var v = xMin
        while v <= xMax + step / 2 {
            out += "<line class=\"grid\" x1=\"\(f(x(v)))\" y1=\"\(f(top))\" x2=\"\(f(x(v)))\" y2=\"\(f(height - bottom))\"/>"
            out += "<text class=\"xlab\" x=\"\(f(x(v)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(FanChart.escape(format(v)))</text>"
            v += step
        }
        for (i, e) in effects.enumerated() {
            let y0 = top + rowHeight * Double(i)
            out += "<text class=\"ylab\" x=\"\(f(plotLeft - 8))\" y=\"\(f(y0 + rowHeight / 2 + 4))\" text-anchor=\"end\">\(FanChart.escape(e.assumption))</text>"
            for (band, colour, offset) in [(e.low, downColour, 0.0), (e.high, upColour, 0.5)] {
                let yBar = y0 + 3 + offset * (rowHeight - 6)
                let barH = (rowHeight - 6) / 2 - 1
                let a = x(min(0, band.p50)), b = x(max(0, band.p50))
                out += "<rect class=\"bar\" x=\"\(f(a))\" y=\"\(f(yBar))\" width=\"\(f(max(0.5, b - a)))\" height=\"\(f(barH))\" fill=\"\(colour)\"/>"
                out += "<line class=\"whisker\" x1=\"\(f(x(band.p10)))\" y1=\"\(f(yBar + barH / 2))\" x2=\"\(f(x(band.p90)))\" y2=\"\(f(yBar + barH / 2))\" stroke=\"#222\"/>"
            }
        }
        out += "<line class=\"axis\" x1=\"\(f(x(0)))\" y1=\"\(f(top - 4))\" x2=\"\(f(x(0)))\" y2=\"\(f(height - bottom))\"/>"
        out += "</svg>"
        return out
    }
}
