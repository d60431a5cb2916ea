import Foundation
import WagecaseCore
import Hummingbird
import NIOCore

/// A JSON request body with a closed set of fields: unknown fields, wrong types and oversize bodies are
/// refused with a 4xx that names the field, never passed on or silently dropped.
protocol APIRequestBody: Decodable {
    static var fields: Set<String> { get }
}

enum APIBody {
    static let maxSize = 1 << 20

    /// The body's bytes, for documents the use-case parses itself (rule files, holiday schedules).
    static func raw(from request: Request) async throws -> Data {
        do {
            return Data(buffer: try await request.body.collect(upTo: maxSize))
        } catch {
            throw APIError.payloadTooLarge
        }
    }

    static func decode<T: APIRequestBody>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxSize)
        } catch {
            throw APIError.payloadTooLarge
        }
        let data = Data(buffer: buffer)
        // The body decoded straight into T, then its field names read from its text; any failure, or a name the
        // text alone cannot tell, is decoded again the strict way below, so every refusal is as it always was.
        if let value = try? JSONDecoder().decode(T.self, from: data) {
            switch data.withUnsafeBytes({ TopLevelKeys.check($0, allowed: T.fields) }) {
            case .allAllowed: return value
            case .unknown(let name): throw unknownField(name, of: T.self)
            case .cannotTell: break
            }
        }
        do {
            return try JSONDecoder().decode(StrictBody<T>.self, from: data).value
        } catch let error as UnknownField {
            throw unknownField(error.name, of: T.self)
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw APIError.badRequest(field: nil, reason: "the body is not valid JSON")
            }
            if case .typeMismatch(_, let context) = error, context.codingPath.isEmpty {
                throw APIError.badRequest(field: nil, reason: "the body must be a JSON object")
            }
            throw APIError.badRequest(field: error.fieldPath, reason: error.reason)
        }
    }
}

private func unknownField<T: APIRequestBody>(_ name: String, of type: T.Type) -> APIError {
    .badRequest(field: name, reason: "unknown field \"\(name)\"; allowed: \(T.fields.sorted().joined(separator: ", "))")
}

/// Decodes T in the same pass that checks its field names (the strict way: the refusals' wording is its).
private struct StrictBody<T: APIRequestBody>: Decodable {
    let value: T

    init(from decoder: any Decoder) throws {
        // The first unknown name in sorted order (the same answer whatever order the body gave them in).
        var unknown: String?
        for key in try decoder.container(keyedBy: AnyKey.self).allKeys where !T.fields.contains(key.stringValue) {
            if unknown.map({ key.stringValue < $0 }) ?? true { unknown = key.stringValue }
        }
        if let unknown { throw UnknownField(name: unknown) }
        value = try T(from: decoder)
    }
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct UnknownField: Error {
    let name: String
}

extension DecodingError {
    var fieldPath: String? {
        let path: [any CodingKey]
        switch self {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            path = context.codingPath
        case let .keyNotFound(key, context):
            path = context.codingPath + [key]
        @unknown default:
            return nil
        }
        let names = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return names.isEmpty ? nil : names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }

    var reason: Phrase {
        let field = fieldPath ?? "value"
        switch self {
        case let .typeMismatch(type, _): return "\(field) has the wrong type (expected \(Self.jsonType(type)))"
        case .valueNotFound: return "\(field) must not be null"
        case .keyNotFound: return "\(field) is required"
        case let .dataCorrupted(context): return "\(field): \(context.debugDescription)"
        @unknown default: return "the body does not match the expected shape"
        }
    }

    /// A Swift type as the JSON a client sends.
    private static func jsonType(_ type: Any.Type) -> Phrase {
        switch type {
        case is String.Type, is Substring.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
