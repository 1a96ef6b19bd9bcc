/// Source text that a message quotes (a word, a key, a run of invalid characters), cut to a
/// few words: a message names what it is about, it never carries a file's content, however
/// long the token it quotes.
public enum QuotedText {
    /// The most characters of a token a message quotes; longer tokens end in `...`.
    public static let maximumCharacters = 48

    /// `text`, or its first `maximumCharacters` characters followed by `...`.
    public static func excerpt(_ text: String) -> String {
        var end = text.startIndex
        for _ in 0..<maximumCharacters {
            guard end < text.endIndex else { return text }
            end = text.index(after: end)
        }
        return end == text.endIndex ? text : String(text[..<end]) + "..."
    }
}
