/// Just enough of WordprocessingML to fill placeholders: finding paragraphs, table rows and text runs in a part's
/// XML, and reading or replacing their text. Word splits what a person typed across runs at will (a spelling
/// mark, an edit, a change of font); `joinPlaceholders` puts each `{{…}}` back into one run, keeping the
/// formatting of the run it starts in.
enum WordXML {
    /// The ranges of each outermost `<w:NAME …>…</w:NAME>` element (self-closing ones skipped), in order; an
    /// element of the same name inside one (a table in a table's cell, a paragraph in a text box) is counted, so
    /// the outer one ends at its own closing tag.
    static func elements(_ name: String, in xml: String) -> [Range<String.Index>] {
        let open = "<w:\(name)"
        let close = "</w:\(name)>"
        /// The end of the start tag at `start` (after its ">"), and whether it closes itself; nil if `start` is
        /// another element whose name only begins the same (`<w:tbl` for `<w:t`).
        func startTag(at start: Range<String.Index>) -> (end: String.Index, selfClosing: Bool)? {
            guard start.upperBound < xml.endIndex else { return nil }
            let next = xml[start.upperBound]
            guard next == " " || next == ">" || next == "/" || next == "\n",
                  let tagEnd = xml.range(of: ">", range: start.upperBound..<xml.endIndex) else { return nil }
            return (tagEnd.upperBound, xml[xml.index(before: tagEnd.lowerBound)] == "/")
        }
        var ranges: [Range<String.Index>] = []
        var cursor = xml.startIndex
        while let start = xml.range(of: open, range: cursor..<xml.endIndex) {
            guard let tag = startTag(at: start) else {
                cursor = start.upperBound
                continue
            }
            if tag.selfClosing {
                cursor = tag.end
                continue
            }
            var depth = 1
            var scan = tag.end
            var end: Range<String.Index>?
            while depth > 0 {
                let nextClose = xml.range(of: close, range: scan..<xml.endIndex)
                let nextOpen = xml.range(of: open, range: scan..<(nextClose?.lowerBound ?? xml.endIndex))
                if let nextOpen, let inner = startTag(at: nextOpen) {
                    if !inner.selfClosing { depth += 1 }
                    scan = inner.end
                } else if let nextOpen {
                    scan = nextOpen.upperBound
                } else if let nextClose {
                    depth -= 1
                    scan = nextClose.upperBound
                    if depth == 0 { end = nextClose }
                } else {
                    break
                }
            }
            guard let end else { break }
            ranges.append(start.lowerBound..<end.upperBound)
            cursor = end.upperBound
        }
        return ranges
    }

    /// The text of an element's `<w:t>` runs, joined (XML-escaped as stored).
    static func text(of xml: Substring) -> String {
        let string = String(xml)
        return elements("t", in: string).map { content(of: string[$0]) }.joined()
    }

    /// What lies between a `<w:t …>` and its `</w:t>`.
    static func content(of element: Substring) -> String {
        guard let startEnd = element.firstIndex(of: ">"), let endStart = element.range(of: "</w:t>", options: .backwards)
        else { return "" }
        return String(element[element.index(after: startEnd)..<endStart.lowerBound])
    }

    /// Replaces every element's range in `xml` by `transform` of its text, back to front so ranges stay valid.
    static func replacing(_ name: String, in xml: String, _ transform: (Substring) -> String?) -> String {
        var result = xml
        for range in elements(name, in: xml).reversed() {
            if let replacement = transform(xml[range]) {
                result.replaceSubrange(range, with: replacement)
            }
        }
        return result
    }

    /// Moves each placeholder's characters into the run where it starts.
    static func joinPlaceholders(_ xml: String) -> String {
        replacing("p", in: xml) { paragraph in
            let string = String(paragraph)
            guard text(of: paragraph).contains("{{") else { return nil }
            let runs = elements("t", in: string)
            var owner: [(Character, Int)] = []
            for (index, run) in runs.enumerated() {
                for character in content(of: string[run]) { owner.append((character, index)) }
            }
            var position = 0
            while position + 1 < owner.count {
                guard owner[position].0 == "{", owner[position + 1].0 == "{" else {
                    position += 1
                    continue
                }
                var end = position + 2
                while end + 1 < owner.count, !(owner[end].0 == "}" && owner[end + 1].0 == "}") { end += 1 }
                let last = min(end + 1, owner.count - 1)
                for index in position...last { owner[index].1 = owner[position].1 }
                position = last + 1
            }
            var texts = Array(repeating: "", count: runs.count)
            for (character, index) in owner { texts[index].append(character) }
            var result = string
            for (index, run) in runs.enumerated().reversed() {
                result.replaceSubrange(run, with: "<w:t xml:space=\"preserve\">\(texts[index])</w:t>")
            }
            return result
        }
    }

    /// A table row whose first cell opens a section and whose last cell closes it repeats (or shows) as a whole
    /// row: the placeholders move outside `<w:tr>`. A section inside one cell stays where it is, inline.
    static func liftRowSections(_ xml: String) -> String {
        replacing("tr", in: xml) { row in
            // The rows of a table inside one of this row's cells first.
            guard let startEnd = row.firstIndex(of: ">"),
                  let closing = row.range(of: "</w:tr>", options: .backwards) else { return nil }
            let inside = String(row[row.index(after: startEnd)..<closing.lowerBound])
            let liftedInside = inside.contains("<w:tr") ? liftRowSections(inside) : inside
            let string = String(row[...startEnd]) + liftedInside + "</w:tr>"
            let unchanged: String? = liftedInside == inside ? nil : string
            let cells = elements("tc", in: string)
            guard cells.count >= 1, let first = cells.first, let last = cells.last,
                  let opening = try? TemplateCheck.placeholders(text(of: string[first])).first,
                  opening.role == .open || opening.role == .inverted else { return unchanged }
            let openTag = "{{\(opening.role == .open ? "#" : "^")\(opening.name)}}"
            let closeTag = "{{/\(opening.name)}}"
            guard text(of: string[first]).trimmingCharacters(in: .whitespaces).hasPrefix(openTag),
                  text(of: string[last]).trimmingCharacters(in: .whitespaces).hasSuffix(closeTag) else { return unchanged }
            var result = string
            // The last cell's closing tag first, so the first cell's range stays valid.
            let lastCell = String(result[last])
            guard let closeRange = lastCell.range(of: closeTag, options: .backwards) else { return unchanged }
            var editedLast = lastCell
            editedLast.replaceSubrange(closeRange, with: "")
            result.replaceSubrange(last, with: editedLast)
            guard let openRange = result.range(of: openTag) else { return unchanged }
            result.replaceSubrange(openRange, with: "")
            return openTag + result + closeTag
        }
    }

    /// A paragraph holding nothing but a section placeholder opens or closes a block of paragraphs (and tables):
    /// the paragraph itself is replaced by the placeholder.
    static func liftParagraphSections(_ xml: String) -> String {
        replacing("p", in: xml) { paragraph in
            let content = text(of: paragraph).trimmingCharacters(in: .whitespaces)
            guard content.hasPrefix("{{"), content.hasSuffix("}}"),
                  let placeholders = try? TemplateCheck.placeholders(content), placeholders.count == 1,
                  [.open, .inverted, .close].contains(placeholders[0].role) else { return nil }
            return content
        }
    }

    /// The part's XML ready for Mustache: placeholders whole, block sections lifted out of their rows and
    /// paragraphs.
    static func prepare(_ xml: String) -> String {
        liftParagraphSections(liftRowSections(joinPlaceholders(xml)))
    }
}
