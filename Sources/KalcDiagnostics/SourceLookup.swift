/// The source files a report may quote, and the positions of locations within them.
///
/// A location resolves only when its file is known and its span lies within the file;
/// every renderer treats other locations as "file only" (or no file, for an empty path).
struct SourceLookup: Sendable {
    let sources: [String: SourceFile]

    /// The file holding `location` and its span, when the span lies within a known file.
    func resolve(_ location: Location) -> (source: SourceFile, span: Span)? {
        guard let source = sources[location.file] else { return nil }
        let span = location.span
        guard span.start >= 0, span.start <= span.end, span.end <= source.bytes.count else { return nil }
        return (source, span)
    }

    /// The start and end positions of `location`, when it resolves.
    func range(of location: Location) -> SourceRange? {
        guard let (source, span) = resolve(location) else { return nil }
        return SourceRange(start: source.location(of: span.start), end: source.location(of: span.end))
    }
}

/// The start and (exclusive) end of a span, as lines and columns.
struct SourceRange: Sendable, Hashable {
    var start: SourceLocation
    var end: SourceLocation
}
