/// Reads YAML streams into node trees through libyaml's parser.
///
/// Tags come back expanded (`!!str` as `tag:yaml.org,2002:str`, `%TAG` handles applied); plain
/// scalars are not resolved, so `3` is the plain scalar "3" with no tag. Aliases are replaced by
/// copies of their anchored nodes: the copy's own start and end are those of the alias, its
/// children keep the marks of the anchored text. A block collection ends where its last entry ends.
///
/// Limits: sequences and mappings nest at most 1,000 deep (aliases included), and alias
/// expansion may add at most 100,000 nodes to a stream, or ten times the nodes written out in the
/// text when that is more, and at most 4 MiB of scalar text, or four times the length of the
/// text when that is more (one large scalar repeated by thousands of aliases). Going past any
/// limit is a `YAMLError`, as are invalid UTF-8, control characters (NUL included), undefined
/// aliases and aliases to a node that contains them.
public enum YAMLReader {
    /// Every document of a YAML stream, in order (an empty document is a plain "" scalar).
    public static func documents(in text: String) throws(YAMLError) -> [YAMLNode] {
        try documents(utf8: Array(text.utf8))
    }

    /// Every document of a YAML stream given as UTF-8 bytes, such as a file's contents.
    ///
    /// Bytes that are not UTF-8 (a UTF-16 byte order mark included) are an error at their offset.
    public static func documents(utf8 bytes: [UInt8]) throws(YAMLError) -> [YAMLNode] {
        var positions = SourcePositions(bytes: bytes)
        var composer = StreamComposer(inputLength: bytes.count)
        let parser: EventParser
        do {
            parser = try EventParser(bytes: bytes)
        } catch {
            throw yamlError(error, positions: &positions)
        }
        while true {
            let event: ParserEvent
            do {
                event = try parser.next()
            } catch {
                throw yamlError(error, positions: &positions)
            }
            let start = positions.mark(scalarIndex: event.startIndex)
            let end = positions.mark(scalarIndex: event.endIndex)
            guard try composer.consume(event.kind, start: start, end: end) else {
                return composer.documents
            }
        }
    }

    private static func yamlError(_ failure: ParserFailure, positions: inout SourcePositions) -> YAMLError {
        let mark =
            switch failure.position {
            case let .scalarIndex(index): positions.mark(scalarIndex: index)
            case let .byteOffset(offset): positions.mark(byteOffset: offset)
            }
        return YAMLError(message: failure.message, mark: mark)
    }
}
