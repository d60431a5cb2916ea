/// An upper bound on how deeply a YAML or JSON text nests, found without parsing it. YAML parsers recurse once per
/// level, so a file of 100,000 "[" would overflow the stack before any check on the parsed value could run.
///
/// Every open flow bracket in the whole text counts, and none is ever taken back (a closing bracket may sit in a
/// quote or a comment the parser skips, so it proves nothing); per line, every indentation column, every compact
/// block indicator ("- ", "? ") and ": " outside brackets may open a level too. Quotes and comments are not
/// interpreted, so no text can nest deeper than the bound says. A flat mapping file measures 1 or 2.
enum MappingDepth {
    static let limit = 64

    /// The first bound over `limit`, or nil when the whole text stays within it.
    static func exceeded(in text: String, limit: Int) -> Int? {
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
        var flow = 0
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let bytes = Array(line)
            var block = 0
            while block < bytes.count, bytes[block] == space { block += 1 }
            for (index, byte) in bytes.enumerated() {
                let next = index + 1 < bytes.count ? bytes[index + 1] : space
                let endsIndicator = next == space || next == tab
                switch byte {
                case UInt8(ascii: "["), UInt8(ascii: "{"): flow += 1
                case UInt8(ascii: "-") where endsIndicator, UInt8(ascii: "?") where endsIndicator: block += 1
                case UInt8(ascii: ":") where endsIndicator && flow == 0: block += 1
                default: break
                }
                if block + flow > limit { return block + flow }
            }
            if block + flow > limit { return block + flow }
        }
        return nil
    }
}
