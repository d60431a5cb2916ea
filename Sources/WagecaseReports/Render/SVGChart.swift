/// Small inline SVG charts with fixed geometry (viewBox), scaled by the page: no fonts or scripts from outside.
enum SVGChart {
    typealias Point = (label: String, value: Int64, text: String)

    /// Vertical columns, one per point, labelled underneath; the tallest is labelled with its value.
    static func columns(_ points: [Point]) -> String {
        let width = 360, height = 160, top = 18, bottom = 22
        let slot = Double(width) / Double(max(points.count, 1))
        let peak = points.map(\.value).max() ?? 0
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        svg += "<line x1=\"0\" y1=\"\(height - bottom)\" x2=\"\(width)\" y2=\"\(height - bottom)\" stroke=\"#999\"/>"
        for (index, point) in points.enumerated() {
            let plot = Double(height - top - bottom)
            let barHeight = peak > 0 ? plot * Double(point.value) / Double(peak) : 0
            let x = Double(index) * slot + slot * 0.15
            let y = Double(height - bottom) - barHeight
            svg += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(slot * 0.7))\" height=\"\(fmt(barHeight))\" fill=\"#b22\">"
                + "<title>\(escape(point.label)): \(escape(point.text))</title></rect>"
            // Every other label when there are many, newest always, so they do not run into each other on a phone.
            if points.count <= 6 || (points.count - 1 - index) % 2 == 0 {
                svg += "<text x=\"\(fmt(x + slot * 0.35))\" y=\"\(height - 6)\" text-anchor=\"middle\">\(escape(point.label))</text>"
            }
            if point.value == peak && peak > 0 {
                let center = min(max(x + slot * 0.35, 40), Double(width) - 40)
                svg += "<text x=\"\(fmt(center))\" y=\"\(fmt(y - 4))\" text-anchor=\"middle\">\(escape(point.text))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with the label on the left and the value at the bar's end.
    static func bars(_ points: [Point]) -> String {
        let row = 22, labelWidth = 130, width = 360
        let height = row * points.count + 4
        let peak = points.map(\.value).max() ?? 0
        let plot = Double(width - labelWidth - 40)
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (index, point) in points.enumerated() {
            let y = index * row + 2
            let length = peak > 0 ? max(plot * Double(point.value) / Double(peak), 1) : 0
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(point.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(fmt(length))\" height=\"\(row - 6)\" fill=\"#b22\"/>"
            svg += "<text x=\"\(fmt(Double(labelWidth) + length + 4))\" y=\"\(y + 15)\">\(escape(point.text))</text>"
        }
        return svg + "</svg>"
    }

    /// One decimal, no trailing ".0": stable text for golden files.
    private static func fmt(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\(abs(tenths % 10))"
    }
}
