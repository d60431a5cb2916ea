/// The Chinese for every phrase the product writes in English where it is used (see `Phrase`), in plain legal
/// Chinese as a procuratorate or a labor bureau writes it. Keys are the English text with `%@` (or `%1$@`, `%2$@`
/// to reorder) for each value.
public enum Catalogue {
    public static let zh: [String: String] = refusals.merging(labels) { refusal, _ in refusal }
        .merging(web) { existing, _ in existing }.merging(dataMatching) { existing, _ in existing }
        .merging(jointWork) { existing, _ in existing }.merging(engines) { existing, _ in existing }
}
