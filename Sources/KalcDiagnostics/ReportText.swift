extension Diagnostic {
    /// The message followed by its notes (`note: …`) and hint (`help: …`), one per line,
    /// for reports whose readers see only one text per diagnostic (SARIF, GitHub annotations).
    var textWithNotesAndHint: String {
        var lines = [message]
        lines += notes.map { "note: \($0)" }
        if let hint { lines.append("help: \(hint)") }
        return lines.joined(separator: "\n")
    }
}

/// How reports for machines name a file: forward slashes, no `.` segments or doubled slashes.
enum ReportPath {
    /// `path` with `\` turned into `/` and empty and `.` segments dropped (`./envs//qa.kal`
    /// becomes `envs/qa.kal`); a leading `/` is kept.
    static func normalized(_ path: String) -> String {
        let slashed = String(path.map { $0 == "\\" ? "/" : $0 })
        let segments = slashed.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = segments.joined(separator: "/")
        return slashed.hasPrefix("/") ? "/" + joined : joined
    }

    /// The URI reference of `path` (RFC 3986): the normalized path with every byte other
    /// than an unreserved character or `/` percent-encoded; an absolute path becomes a
    /// `file://` URI.
    static func uriReference(_ path: String) -> String {
        let normalized = normalized(path)
        var encoded = ""
        for byte in normalized.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + hexDigits(byte)
            }
        }
        return normalized.hasPrefix("/") ? "file://" + encoded : encoded
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
