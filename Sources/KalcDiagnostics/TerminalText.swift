/// How text from a source file or a message is shown on a terminal: which characters it
/// prints and how many columns they take.
///
/// Control characters print as their Unicode control pictures (`␛` for ESC) so that input
/// cannot drive the terminal; characters that show nothing — a byte order mark, zero-width
/// spaces and joiners, bidirectional controls, other format characters, C1 controls, line
/// and paragraph separators — print as their code point (`<U+200B>`), so that they can
/// neither hide nor reorder what is shown and a reader sees what the diagnostic is about;
/// East Asian wide characters and emoji take two columns, combining marks none.
enum TerminalText {
    /// What `scalar` prints as and the number of columns that takes (a tab is handled by the caller).
    static func display(_ scalar: Unicode.Scalar) -> (text: String, width: Int) {
        let value = scalar.value
        switch value {
        case 0x00...0x1F:
            return (String(Character(Unicode.Scalar(0x2400 + value) ?? "\u{FFFD}")), 1)
        case 0x7F:
            return ("\u{2421}", 1)
        case _ where isInvisible(scalar):
            let text = codePoint(scalar)
            return (text, text.count)
        default:
            return (String(Character(scalar)), width(of: scalar))
        }
    }

    /// Whether `scalar` prints as nothing, or moves or hides other text, on a terminal.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator: true
        case .control: scalar.value >= 0x80
        default: false
        }
    }

    /// `<U+200B>`: the code point of a scalar, in at least four upper-case hex digits.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "<U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits + ">"
    }

    /// `text` with every character made safe to print (see `display(_:)`), tabs and line
    /// feeds kept.
    static func sanitized(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == "\t" || scalar == "\n" {
                result.unicodeScalars.append(scalar)
            } else {
                result += display(scalar).text
            }
        }
        return result
    }

    /// The number of terminal columns of a printable scalar: 0, 1 or 2.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            return 0
        default:
            break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// Code points that East Asian Width classes as Wide or Fullwidth (the common blocks).
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x2E80...0x303E,  // CJK radicals, Kangxi radicals, CJK symbols and punctuation
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
        0x3400...0x4DBF,  // CJK unified ideographs extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x1B000...0x1B2FF,  // Kana supplement and extensions
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B to F
        0x30000...0x3FFFD,  // CJK extension G and later
    ]
}
