import WagecaseCore

/// Column headings and field names in the chosen language.
struct Labels {
    let language: Language

    func callAsFunction(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}
