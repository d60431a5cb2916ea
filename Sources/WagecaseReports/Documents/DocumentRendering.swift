import Foundation
import WagecaseCore

/// The one way documents become files, for the CLI, the API and the pages alike: HTML from the built-in layout,
/// DOCX from the office's template when one is installed, else from the built-in one.
public enum DocumentRendering {
    public static func render(_ kind: DocumentKind, _ format: DocumentFormat, _ fields: DocumentFields,
                              _ officeTemplate: Data?) throws -> Data {
        switch format {
        case .html:
            return Data(try HTMLDocument.render(.builtIn(kind), fields: fields).utf8)
        case .docx:
            return try DocxDocument.fill(officeTemplate ?? DocxDocument.builtInTemplate(kind), kind: kind, fields: fields)
        }
    }

    /// Refuses an office template that is not a DOCX or names a field its kind does not have.
    public static func checkTemplate(_ kind: DocumentKind) -> @Sendable (Data) throws -> Void {
        { data in try DocxDocument.checkTemplate(data, kind: kind) }
    }
}
