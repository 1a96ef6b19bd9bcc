import Foundation

/// A string compared and hashed by its UTF-8 bytes, as Go compares strings.
///
/// Swift's `==` on strings is canonical equivalence (`"é"` equals `"e\u{301}"`); a cache
/// keyed by text that ends up in output must not mix up two texts that print differently.
public struct ExactString: Hashable, Sendable {
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public static func == (left: ExactString, right: ExactString) -> Bool {
        var left = left.value
        var right = right.value
        return left.withUTF8 { a in
            right.withUTF8 { b in
                guard a.count == b.count else { return false }
                guard let first = a.baseAddress, let second = b.baseAddress else { return true }
                return memcmp(first, second, a.count) == 0
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        var value = value
        value.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
