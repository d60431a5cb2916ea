import WagecaseCore

/// Values made up from a kind's fields to fill a template with before it is accepted: every field present, text
/// with a line break and the characters markup needs escaped, every flag true and every list two rows long; or
/// every optional field absent, every flag false and every list empty.
enum TrialValues {
    static let text = "样例 <&\"'>\n第二行"

    static func full(_ kind: DocumentKind) -> DocumentFields {
        var fields = DocumentFields()
        for field in DocumentFieldSchema.of(kind).fields {
            if field.isList {
                let row = Dictionary(uniqueKeysWithValues: field.rowFields.map { ($0.name, DocumentValue.text(text)) })
                fields[field.name] = .list([row, row])
            } else {
                fields[field.name] = field.isFlag ? .flag(true) : .text(text)
            }
        }
        return fields
    }

    static func empty(_ kind: DocumentKind) -> DocumentFields {
        var fields = DocumentFields()
        for field in DocumentFieldSchema.of(kind).fields {
            if field.isList { fields[field.name] = .list([]) } else if field.isFlag { fields[field.name] = .flag(false) }
        }
        return fields
    }
}
