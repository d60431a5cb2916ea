import Foundation
import Hummingbird
import NIOCore

/// A JSON request body with a closed set of fields: unknown fields, wrong types and oversize bodies are
/// refused with a 4xx that names the field, never passed on or silently dropped.
protocol APIRequestBody: Decodable {
    static var fields: Set<String> { get }
}

enum APIBody {
    static let maxSize = 1 << 20

    static func decode<T: APIRequestBody>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxSize)
        } catch {
            throw APIError.payloadTooLarge
        }
        let data = Data(buffer: buffer)
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError.badRequest(field: nil, reason: "the body is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            throw APIError.badRequest(field: nil, reason: "the body must be a JSON object")
        }
        if let unknown = fields.keys.sorted().first(where: { !T.fields.contains($0) }) {
            throw APIError.badRequest(field: unknown, reason: "unknown field \"\(unknown)\"; allowed: "
                + T.fields.sorted().joined(separator: ", "))
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError.badRequest(field: error.fieldPath, reason: error.reason)
        }
    }
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

    var reason: String {
        switch self {
        case let .typeMismatch(type, _): return "\(fieldPath ?? "value") has the wrong type (expected \(type))"
        case .valueNotFound: return "\(fieldPath ?? "value") must not be null"
        case .keyNotFound: return "\(fieldPath ?? "field") is required"
        case let .dataCorrupted(context): return "\(fieldPath ?? "value"): \(context.debugDescription)"
        @unknown default: return "the body does not match the expected shape"
        }
    }
}
