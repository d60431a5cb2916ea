import Foundation
import WagecaseCore
import Yams

/// Reads a model file (YAML, or JSON, which is YAML): size- and depth-checked, composed without constructing
/// values (no alias expansion, no tags), turned into the tree `ModelFile.read` checks line by line.
public enum ModelFileReader {
    /// A model is a page or two; 64 KiB is far more than any needs.
    static let sizeLimit = 64 << 10

    public static func read(path: String) throws -> (model: SupervisionModel, source: String) {
        let text = try ImportFile.mappingText(path: path, limit: sizeLimit)
        return (try read(text: text), text)
    }

    public static func read(text: String) throws -> SupervisionModel {
        if let depth = MappingDepth.exceeded(in: text, limit: MappingDepth.limit) {
            throw ModelFileError(line: 1, reason: "nests at least \(depth) levels deep; a model needs fewer than \(MappingDepth.limit)")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw ModelFileError(line: line(of: error), reason: "is not YAML: \(String(describing: error).prefix(200))")
        }
        guard let root else { throw ModelFileError(line: 1, reason: "the file is empty") }
        // An alias repeats a node without copying it: counting every node visited bounds what an alias bomb costs.
        var nodes = 0
        return try ModelFile.read(try tree(root, count: &nodes))
    }

    private static func tree(_ node: Node, count: inout Int) throws(ModelFileError) -> ModelNode {
        count += 1
        let line = node.mark?.line ?? 0
        if count > 10_000 { throw ModelFileError(line: line, reason: "has more than 10000 values") }
        switch node {
        case .scalar(let scalar): return .scalar(scalar.string, line: line)
        case .sequence(let sequence):
            var items: [ModelNode] = []
            for item in sequence { items.append(try tree(item, count: &count)) }
            return .list(items, line: line)
        case .mapping(let mapping):
            var pairs: [(key: String, line: Int, value: ModelNode)] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw ModelFileError(line: key.mark?.line ?? line, reason: "a key is not a word")
                }
                pairs.append((name, key.mark?.line ?? line, try tree(value, count: &count)))
            }
            return .map(pairs, line: line)
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        default: 0
        }
    }
}
