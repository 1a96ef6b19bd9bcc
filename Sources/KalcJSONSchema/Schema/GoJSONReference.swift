import KalcGo

/// A port of `gojsonreference.JsonReference`: a parsed URL with its JSON-pointer fragment
/// and the flags gojsonschema uses to decide whether a reference can be loaded.
struct GoJSONReference {
    let url: GoURL
    /// The raw pointer tokens of the fragment (empty for the whole document or when the
    /// fragment is not a JSON pointer).
    let pointerTokens: [String]
    let hasFullURL: Bool
    let hasFileScheme: Bool
    let hasFullFilePath: Bool

    /// `gojsonreference.NewJsonReference`; throws Go's `url.Parse` error text.
    init(_ text: String) throws(SchemaError) {
        let parsed: GoURL
        do throws(GoURL.ParseError) {
            parsed = try GoURL.parse(text)
        } catch {
            throw SchemaError(message: error.goText, pointer: "")
        }
        self.init(url: parsed)
    }

    init(url: GoURL) {
        self.url = url
        hasFullURL = !url.scheme.isEmpty && !url.host.isEmpty
        hasFileScheme = url.scheme == Array("file".utf8)
        hasFullFilePath = url.path.first == UInt8(ascii: "/")
        let fragment = String(decoding: url.fragment, as: UTF8.self)
        if fragment.hasPrefix("/") {
            pointerTokens = fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        } else {
            pointerTokens = []
        }
    }

    /// `JsonReference.String()`.
    var text: String { url.text }

    /// The reference without its fragment.
    var withoutFragment: GoJSONReference {
        var copy = url
        copy.fragment = []
        return GoJSONReference(url: copy)
    }

    /// `(r *JsonReference) IsCanonical`.
    var isCanonical: Bool { (hasFileScheme && hasFullFilePath) || (!hasFileScheme && hasFullURL) }

    /// `(r *JsonReference) Inherits`: the child resolved against this reference (without its fragment).
    func inherits(_ child: GoJSONReference) throws(SchemaError) -> GoJSONReference {
        var parent = url
        parent.fragment = []
        return try GoJSONReference(parent.resolving(child.url).text)
    }
}
