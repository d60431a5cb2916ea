/// Small inline SVG charts with fixed geometry (viewBox), scaled by the page: no fonts or scripts from outside.
enum SVGChart {
    typealias Point = (label: String, value: Int64, text: String)

    /// Vertical columns, one per point, each labelled underneath and with its value above; a value axis on the left
    /// with gridlines at zero, half the peak and the peak, each with its value. `axis` writes a value compactly.
    static func columns(_ points: [Point], axis: (Int64) -> String) -> String {
        let width = 360, height = 190, left = 44, top = 20, bottom = 24
        let plotWidth = Double(width - left - 4)
        let slot = plotWidth / Double(max(points.count, 1))
        let peak = points.map(\.value).max() ?? 0
        let plot = Double(height - top - bottom)
        let base = Double(height - bottom)
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        for tick in peak > 0 ? [0, peak / 2, peak] : [0] {
            let y = base - (peak > 0 ? plot * Double(tick) / Double(peak) : 0)
            svg += "<line x1=\"\(left)\" y1=\"\(fmt(y))\" x2=\"\(width - 4)\" y2=\"\(fmt(y))\" stroke=\"\(tick == 0 ? "#666" : "#ddd")\"/>"
            svg += "<text x=\"\(left - 4)\" y=\"\(fmt(y + 3))\" text-anchor=\"end\" font-size=\"9\">\(escape(axis(tick)))</text>"
        }
        for (index, point) in points.enumerated() {
            let barHeight = peak > 0 ? plot * Double(point.value) / Double(peak) : 0
            let x = Double(left) + Double(index) * slot + slot * 0.15
            let center = x + slot * 0.35
            let y = base - barHeight
            svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(slot * 0.7))\" height=\"\(fmt(barHeight))\" fill=\"#b22\">"
                + "<title>\(escape(point.label)): \(escape(point.text))</title></rect>"
            svg += "<text x=\"\(fmt(center))\" y=\"\(fmt(y - 3))\" text-anchor=\"middle\" font-size=\"8\">\(escape(axis(point.value)))</text>"
            svg += "<text x=\"\(fmt(center))\" y=\"\(height - 8)\" text-anchor=\"middle\" font-size=\"9\">\(escape(point.label))</text>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars, each with its label on its own line above it (never cut, however long) and its value at
    /// the bar's end; a zero is a zero, shown.
    static func bars(_ points: [Point]) -> String {
        let row = 30, width = 360
        let height = row * points.count + 4
        let peak = points.map(\.value).max() ?? 0
        let plot = Double(width - 50)
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, point) in points.enumerated() {
            let y = index * row + 2
            let length = peak > 0 ? max(plot * Double(point.value) / Double(peak), point.value > 0 ? 1 : 0) : 0
            svg += "<text x=\"0\" y=\"\(y + 11)\" font-size=\"10\">\(escape(point.label))</text>"
            svg += "<rect x=\"0\" y=\"\(y + 15)\" width=\"\(fmt(length))\" height=\"10\" fill=\"#b22\"/>"
            svg += "<text x=\"\(fmt(length + 4))\" y=\"\(y + 24)\" font-size=\"10\">\(escape(point.text))</text>"
        }
        return svg + "</svg>"
    }

    /// One decimal, no trailing ".0": stable text for golden files.
    private static func fmt(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
