import ArgumentParser
import WagecaseCore

/// A vocabulary on the command line takes what its `parse` takes: the identifier, an alias or the Chinese label.
extension ExpressibleByArgument where Self: Vocabulary {
    public init?(argument: String) {
        guard let value = try? Self.parse(argument, field: "argument") else { return nil }
        self = value
    }
}
