import WagecaseCore

/// Column headings, field names and report lines in the chosen language, from the catalogue.
struct Labels {
    let language: Language

    func callAsFunction(_ words: Phrase) -> String { words.text(language) }
}
