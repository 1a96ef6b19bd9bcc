/// One Unicode scalar of a byte buffer and the bytes it was decoded from.
///
/// Invalid UTF-8 decodes to U+FFFD, one replacement per maximal invalid subsequence, exactly
/// as `String(decoding:as:)` repairs it, so positions computed from these scalars agree with
/// what an editor shows for the same bytes.
struct DecodedScalar: Sendable, Hashable {
    var scalar: Unicode.Scalar
    /// The UTF-8 byte offsets the scalar was decoded from.
    var bytes: Range<Int>
    /// Whether the bytes were invalid UTF-8 (the scalar is then U+FFFD).
    var isReplacement: Bool

    /// The scalar's length in UTF-16 code units.
    var utf16Length: Int { scalar.utf16.count }
}

/// The scalars of a byte slice, decoded lazily; offsets are the slice's own indices.
struct DecodedScalars: Sequence {
    let bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    func makeIterator() -> Iterator {
        Iterator(bytes: bytes.makeIterator(), offset: bytes.startIndex)
    }

    struct Iterator: IteratorProtocol {
        var bytes: ArraySlice<UInt8>.Iterator
        var offset: Int
        var parser = Unicode.UTF8.ForwardParser()

        mutating func next() -> DecodedScalar? {
            switch parser.parseScalar(from: &bytes) {
            case .valid(let encoded):
                defer { offset += encoded.count }
                return DecodedScalar(scalar: Unicode.UTF8.decode(encoded), bytes: offset..<offset + encoded.count, isReplacement: false)
            case .error(let length):
                defer { offset += length }
                return DecodedScalar(scalar: "\u{FFFD}", bytes: offset..<offset + length, isReplacement: true)
            case .emptyInput:
                return nil
            }
        }
    }
}
