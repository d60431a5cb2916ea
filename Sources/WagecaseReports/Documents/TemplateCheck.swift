import WagecaseCore

/// Checks a template's placeholders against the fields of its kind before anything is filled: an unknown field, a
/// section closed out of order or never closed, a placeholder that does not fit in one piece of text, or a tag
/// that would write unescaped markup (`{{{…}}}`, `{{&…}}`, partials, delimiter changes) is refused with the
/// placeholder named.
public enum TemplateCheck {
    public struct Placeholder: Sendable, Equatable {
        public enum Role: Sendable, Equatable { case value, open, inverted, close, comment }
        public let role: Role
        public let name: String
    }

    /// Every `{{…}}` of `text` in order.
    public static func placeholders(_ text: String) throws(WagecaseError) -> [Placeholder] {
        var found: [Placeholder] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw malformed(String(rest[open.lowerBound...].prefix(40)))
            }
            var inner = rest[open.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            if inner.hasPrefix("{") || inner.hasPrefix("&") || inner.hasPrefix(">") || inner.hasPrefix("=")
                || inner.hasPrefix("<") || inner.hasPrefix("$") {
                throw .invalidField(field: "template", value: "{{\(inner)}}", reason: "uses a placeholder form templates may not use",
                                    allowed: "{{field}}, {{#field}}…{{/field}}, {{^field}}…{{/field}} and {{! comment }}")
            }
            let role: Placeholder.Role
            switch inner.first {
            case "#": role = .open; inner = inner.dropFirst()
            case "^": role = .inverted; inner = inner.dropFirst()
            case "/": role = .close; inner = inner.dropFirst()
            case "!": found.append(Placeholder(role: .comment, name: "")); continue
            default: role = .value
            }
            let name = inner.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw malformed("{{\(inner)}}")
            }
            found.append(Placeholder(role: role, name: name))
        }
        return found
    }

    /// Refuses what the kind's fields cannot fill.
    public static func check(_ text: String, kind: DocumentKind) throws(WagecaseError) {
        let schema = DocumentFieldSchema.of(kind)
        if let wide = text.range(of: "｛｛") {
            throw .invalidField(field: "template", value: String(text[wide.lowerBound...].prefix(30)),
                                reason: "uses full-width braces", allowed: "{{field}} typed with half-width braces")
        }
        var open: [String] = []
        for placeholder in try placeholders(text) {
            switch placeholder.role {
            case .comment: continue
            case .close:
                guard open.last == placeholder.name else {
                    throw .invalidField(field: "template", value: "{{/\(placeholder.name)}}",
                                        reason: "closes a section that is not the one open",
                                        allowed: open.last.map { "{{/\($0)}} first" } ?? "a {{#…}} before each {{/…}}")
                }
                open.removeLast()
            case .value, .open, .inverted:
                guard let field = field(placeholder.name, in: schema, inside: open) else {
                    throw .invalidField(field: "template", value: "{{\(placeholder.name)}}",
                                        reason: "names a field this document does not have",
                                        allowed: "a field `wagecase document fields \(kind.rawValue)` lists")
                }
                if placeholder.role == .value && !field.isText {
                    throw .invalidField(field: "template", value: "{{\(placeholder.name)}}",
                                        reason: "is a list or a yes/no, not text to print",
                                        allowed: "{{#\(placeholder.name)}}…{{/\(placeholder.name)}} around what it governs")
                }
                if placeholder.role != .value { open.append(placeholder.name) }
            }
        }
        if let unclosed = open.last {
            throw .invalidField(field: "template", value: "{{#\(unclosed)}}", reason: "is never closed",
                                allowed: "{{/\(unclosed)}} after the section")
        }
    }

    /// A name's field: a row field of the innermost enclosing list that has it, else the top level's.
    static func field(_ name: String, in schema: DocumentFieldSchema, inside sections: [String])
        -> DocumentFieldSchema.Field? {
        for section in sections.reversed() {
            if let row = schema.field(section)?.rowFields.first(where: { $0.name == name }) { return row }
        }
        return schema.field(name)
    }

    static func malformed(_ text: String) -> WagecaseError {
        .invalidField(field: "template", value: text, reason: "is not a complete placeholder",
                      allowed: "{{field}} with a field name of letters, digits and _ , closed by }}")
    }
}
