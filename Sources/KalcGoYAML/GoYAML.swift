import KalcGo

/// An error from Go's YAML packages, with the text Go reports (`yaml: line 3: ...`).
public struct GoYAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error text as Go's `err.Error()` returns it.
    public var message: String

    /// Creates an error with Go's text.
    public init(message: String) {
        self.message = message
    }

    /// The error text.
    public var description: String { message }
}

/// Go's YAML semantics as Kalypso sees them: it writes `toYaml`/`stringify` output with
/// gopkg.in/yaml.v3 (3.0.1) and reads config values with gopkg.in/yaml.v2 (2.4.0).
public enum GoYAML {
    /// yaml.v3's `yaml.Marshal(value)`: block style, 4-space indentation, sorted map keys,
    /// scalar styles chosen exactly as yaml.v3 chooses them, `{}`/`[]` for empty
    /// collections, never folded. The text ends with a newline.
    public static func marshal(_ value: GoValue) throws(GoYAMLError) -> String {
        var encoder = GoYAMLEncoder()
        try encoder.encodeDocument(value)
        let bytes = try GoYAMLEmitter.emit(encoder.events)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// yaml.v2's `yaml.Unmarshal(text, &obj)` with `obj` an `interface{}`: the first
    /// document only (later ones are not even read to their end), YAML 1.1 resolution of
    /// plain scalars (`yes`/`on`/`y` are booleans, `0777` is octal, timestamps stay
    /// strings), maps as `map[interface{}]interface{}`, lists as `[]interface{}`, `<<`
    /// merge keys, later duplicate keys winning; or the error Go returns. A stream without
    /// documents decodes to nil.
    public static func decodeV2(_ text: String) -> Result<GoValue, GoYAMLError> {
        decodeV2ReportingBytes(text).value
    }

    /// `decodeV2`, and whether a `!!binary` scalar decoded to bytes that are not UTF-8 (the
    /// value then holds U+FFFD where Go holds those bytes).
    public static func decodeV2ReportingBytes(_ text: String) -> (value: Result<GoValue, GoYAMLError>, bytesNotUTF8: Bool) {
        var composer = GoYAMLV2Composer(input: Array(text.utf8))
        do throws(GoYAMLError) {
            guard let document = try composer.compose() else { return (.success(.nil), false) }
            var decoder = GoYAMLV2Decoder(nodes: composer.nodes)
            let value = try decoder.decode(document)
            return (.success(value), decoder.decodedBytesNotUTF8)
        } catch {
            return (.failure(error), false)
        }
    }
}
