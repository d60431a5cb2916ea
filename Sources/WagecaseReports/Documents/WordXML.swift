/// Just enough of WordprocessingML to fill placeholders: finding paragraphs, table rows and text runs in a part's
/// XML, and reading or replacing their text. Word splits what a person typed across runs at will (a spelling
/// mark, an edit, a change of font); `joinPlaceholders` puts each `{{…}}` back into one run, keeping the
/// formatting of the run it starts in.
enum WordXML {
    /// The ranges of each `<w:NAME …>…</w:NAME>` element (self-closing ones skipped), in order.
    static func elements(_ name: String, in xml: String) -> [Range<String.Index>] {
        let open = "<w:\(name)"
        let close = "</w:\(name)>"
        var ranges: [Range<String.Index>] = []
        var cursor = xml.startIndex
        while let start = xml.range(of: open, range: cursor..<xml.endIndex) {
            guard start.upperBound < xml.endIndex else { break }
            let next = xml[start.upperBound]
            guard next == " " || next == ">" || next == "/" || next == "\n" else {
                cursor = start.upperBound
                continue
            }
            guard let tagEnd = xml.range(of: ">", range: start.upperBound..<xml.endIndex) else { break }
            if xml[xml.index(before: tagEnd.lowerBound)] == "/" {
                cursor = tagEnd.upperBound
                continue
            }
            guard let end = xml.range(of: close, range: tagEnd.upperBound..<xml.endIndex) else { break }
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

    /// A table row holding a section's opening and closing placeholders repeats (or shows) as a whole row: the
    /// placeholders move outside `<w:tr>`.
    static func liftRowSections(_ xml: String) -> String {
        replacing("tr", in: xml) { row in
            let rowText = text(of: row)
            guard let placeholders = try? TemplateCheck.placeholders(rowText) else { return nil }
            for placeholder in placeholders where placeholder.role == .open || placeholder.role == .inverted {
                let opening = "{{\(placeholder.role == .open ? "#" : "^")\(placeholder.name)}}"
                let closing = "{{/\(placeholder.name)}}"
                var string = String(row)
                guard let openRange = string.range(of: opening),
                      let closeRange = string.range(of: closing, options: .backwards),
                      openRange.upperBound <= closeRange.lowerBound else { continue }
                string.replaceSubrange(closeRange, with: "")
                string.replaceSubrange(openRange, with: "")
                return opening + string + closing
            }
            return nil
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
