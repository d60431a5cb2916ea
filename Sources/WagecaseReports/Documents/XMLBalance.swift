/// Whether a filled part is still well-formed enough for Word: every tag closed in order, no markup inside an
/// attribute, and every table cell holding a paragraph. A template's sections are checked this way at install,
/// filled both ways (every condition true and every list full, then every condition false and every list empty),
/// so a section that opens in one paragraph and closes in another cannot pass and break a document later.
enum XMLBalance {
    static func isWellFormed(_ xml: String) -> Bool {
        isBalanced(xml) && cellsHoldParagraphs(xml)
    }

    /// Whatever a section repeats or hides is whole elements: the XML between each `{{#…}}`/`{{^…}}` and its
    /// `{{/…}}` is balanced on its own (a section from one table cell to another is not, though the part is).
    static func sectionsEncloseWholeElements(_ xml: String) -> Bool {
        var open: [String.Index] = []
        var rest = xml[...]
        while let start = rest.range(of: "{{") {
            guard let end = rest[start.upperBound...].range(of: "}}") else { return true }
            let marker = rest[start.upperBound...].first
            if marker == "#" || marker == "^" {
                open.append(end.upperBound)
            } else if marker == "/", let from = open.popLast() {
                guard isBalanced(String(xml[from..<start.lowerBound])) else { return false }
            }
            rest = rest[end.upperBound...]
        }
        return true
    }

    static func isBalanced(_ xml: String) -> Bool {
        var open: [Substring] = []
        var rest = xml[...]
        while let start = rest.firstIndex(of: "<") {
            let tail = rest[start...]
            if tail.hasPrefix("<?") || tail.hasPrefix("<!--") || tail.hasPrefix("<![CDATA[") {
                let close = tail.hasPrefix("<?") ? "?>" : tail.hasPrefix("<!--") ? "-->" : "]]>"
                guard let end = tail.range(of: close) else { return false }
                rest = tail[end.upperBound...]
                continue
            }
            guard let end = tail.firstIndex(of: ">") else { return false }
            let tag = tail[tail.index(after: start)..<end]
            // Markup inside a tag, or an attribute whose quotes do not pair, is not XML.
            guard !tag.contains("<"), tag.filter({ $0 == "\"" }).count % 2 == 0,
                  tag.filter({ $0 == "'" }).count % 2 == 0 else { return false }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().prefix { !$0.isWhitespace }
                guard open.popLast() == name else { return false }
            } else if !tag.hasSuffix("/") {
                open.append(tag.prefix { !$0.isWhitespace && $0 != "/" })
            }
            rest = rest[rest.index(after: end)...]
        }
        return open.isEmpty
    }

    /// Word refuses a table cell without a paragraph.
    static func cellsHoldParagraphs(_ xml: String) -> Bool {
        WordXML.elements("tc", in: xml).allSatisfy { range in
            let cell = String(xml[range])
            return !WordXML.elements("p", in: cell).isEmpty || cell.contains("<w:p/>")
        }
    }
}
