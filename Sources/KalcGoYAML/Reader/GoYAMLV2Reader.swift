import KalcGo

/// A position in yaml.v2's input: character index, 0-based line and column.
public struct GoYAMLV2Mark: Equatable {
    public var index = 0
    public var line = 0
    public var column = 0
}

/// Which stage of yaml.v2's parser failed.
public enum GoYAMLV2ErrorKind {
    case none, reader, scanner, parser
}

/// yaml.v2's `yaml_parser_t` (itself a port of libyaml's parser): reader, scanner and
/// parser state in one value, as in the original. The reader (`readerc.go`) lives here;
/// the scanner and the parser extend it in their own files.
///
/// The reader decodes the input in chunks of 512 bytes, so that a bad character is only
/// reported once the scanner gets near it: text after the first document may hold one
/// without failing `yaml.Unmarshal`, exactly as in Go.
public struct GoYAMLV2Parser {
    public static let rawBufferSize = 512

    // Error state.
    public var error: GoYAMLV2ErrorKind = .none
    public var problem = ""
    public var problemOffset = 0
    public var problemValue = 0
    public var problemMark = GoYAMLV2Mark()
    public var context = ""
    public var contextMark = GoYAMLV2Mark()

    // Reader state.
    public let input: [UInt8]
    public var inputPos = 0
    public var eof = false
    public var buffer: [UInt8] = []
    public var bufferPos = 0
    public var unread = 0
    public var raw: [UInt8] = []
    public var rawPos = 0
    public var encodingKnown = false
    public var offset = 0
    public var mark = GoYAMLV2Mark()

    // Scanner state.
    public var streamStartProduced = false
    public var streamEndProduced = false
    public var flowLevel = 0
    public var tokens: [GoYAMLV2Token] = []
    public var tokensHead = 0
    public var tokensParsed = 0
    public var tokenAvailable = false
    public var indent = 0
    public var indents: [Int] = []
    public var simpleKeyAllowed = false
    public var simpleKeys: [GoYAMLV2SimpleKey] = []
    public var simpleKeysByToken: [Int: Int] = [:]

    // Parser state.
    public var state: GoYAMLV2ParserState = .streamStart
    public var states: [GoYAMLV2ParserState] = []
    public var marks: [GoYAMLV2Mark] = []
    public var tagDirectives: [(handle: [UInt8], prefix: [UInt8])] = []

    /// A parser over `input`; empty input reads as a single line break, as in yaml.v2.
    public init(input: [UInt8]) {
        self.input = input.isEmpty ? [0x0A] : input
    }

    // MARK: Buffer access

    /// The byte at `bufferPos + k`, or NUL past the decoded text.
    @inline(__always)
    public func byte(_ k: Int = 0) -> UInt8 {
        GoYAMLBytes.at(buffer, bufferPos + k)
    }

    /// Ensures `length` characters are decoded ahead (libyaml's `cache`).
    @inline(__always)
    public mutating func cache(_ length: Int) -> Bool {
        unread >= length || updateBuffer(length)
    }

    // MARK: Reader

    @discardableResult
    public mutating func setReaderError(_ problem: String, offset: Int, value: Int) -> Bool {
        error = .reader
        self.problem = problem
        problemOffset = offset
        problemValue = value
        return false
    }

    /// Skips a UTF-8 byte order mark (the input, a Swift string, is always UTF-8).
    private mutating func determineEncoding() -> Bool {
        while !eof && raw.count - rawPos < 3 {
            if !updateRawBuffer() {
                return false
            }
        }
        if raw.count - rawPos >= 3 && raw[rawPos] == 0xEF && raw[rawPos + 1] == 0xBB && raw[rawPos + 2] == 0xBF {
            rawPos += 3
            offset += 3
        }
        encodingKnown = true
        return true
    }

    private mutating func updateRawBuffer() -> Bool {
        if rawPos == 0 && raw.count == Self.rawBufferSize {
            return true
        }
        if eof {
            return true
        }
        if rawPos > 0 {
            raw.removeFirst(min(rawPos, raw.count))
        }
        rawPos = 0
        if inputPos == input.count {
            eof = true
            return true
        }
        let n = min(Self.rawBufferSize - raw.count, input.count - inputPos)
        raw.append(contentsOf: input[inputPos..<(inputPos + n)])
        inputPos += n
        return true
    }

    public mutating func updateBuffer(_ length: Int) -> Bool {
        if unread >= length {
            return true
        }
        if !encodingKnown && !determineEncoding() {
            return false
        }
        if bufferPos > 0 && bufferPos < buffer.count {
            buffer.removeFirst(bufferPos)
            bufferPos = 0
        } else if bufferPos >= buffer.count {
            buffer.removeAll(keepingCapacity: true)
            bufferPos = 0
        }
        var first = true
        while unread < length {
            if !first || rawPos == raw.count {
                if !updateRawBuffer() {
                    return false
                }
            }
            first = false
            inner: while rawPos != raw.count {
                let octet = raw[rawPos]
                let width = GoYAMLBytes.width(octet)
                if width == 0 {
                    return setReaderError("invalid leading UTF-8 octet", offset: offset, value: Int(octet))
                }
                if width > raw.count - rawPos {
                    if eof {
                        return setReaderError("incomplete UTF-8 octet sequence", offset: offset, value: -1)
                    }
                    break inner
                }
                var value: UInt32
                switch width {
                case 1: value = UInt32(octet & 0x7F)
                case 2: value = UInt32(octet & 0x1F)
                case 3: value = UInt32(octet & 0x0F)
                default: value = UInt32(octet & 0x07)
                }
                for k in 1..<max(width, 1) {
                    let trailing = raw[rawPos + k]
                    if trailing & 0xC0 != 0x80 {
                        return setReaderError("invalid trailing UTF-8 octet", offset: offset + k, value: Int(trailing))
                    }
                    value = (value << 6) + UInt32(trailing & 0x3F)
                }
                switch width {
                case 1: break
                case 2 where value >= 0x80: break
                case 3 where value >= 0x800: break
                case 4 where value >= 0x10000: break
                default:
                    return setReaderError("invalid length of a UTF-8 sequence", offset: offset, value: -1)
                }
                if (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF {
                    return setReaderError("invalid Unicode character", offset: offset, value: Int(value))
                }
                switch value {
                case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF:
                    break
                default:
                    return setReaderError("control characters are not allowed", offset: offset, value: Int(value))
                }
                buffer.append(contentsOf: raw[rawPos..<(rawPos + width)])
                rawPos += width
                offset += width
                unread += 1
            }
            if eof {
                buffer.append(0)
                unread += 1
                break
            }
        }
        while buffer.count < length {
            buffer.append(0)
        }
        return true
    }
}
