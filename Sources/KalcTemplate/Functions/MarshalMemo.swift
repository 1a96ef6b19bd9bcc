import Foundation
import KalcGo

/// The YAML text of values already marshalled by `stringify`, so that the config data that
/// many assignments share is marshalled once. Keys compare exactly as Go would tell values
/// apart in output: strings by their bytes, floats by their bits.
final class MarshalMemo: @unchecked Sendable {
    static let stringify = MarshalMemo(capacity: 512)

    private let lock = NSLock()
    private let capacity: Int
    private var texts: [ExactValue: String] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The text of `value`, from memory or made by `make` (and remembered).
    func text(of value: GoValue, _ make: (GoValue) -> String) -> String {
        guard ExactValue.isMemoizable(value) else { return make(value) }
        let key = ExactValue(value: value)
        if let known = lock.withLock({ texts[key] }) { return known }
        let text = make(value)
        lock.withLock {
            if texts.count >= capacity { texts.removeAll(keepingCapacity: true) }
            texts[key] = text
        }
        return text
    }
}

/// A value whose equality is Go's: byte-exact strings, bit-exact floats, same types.
struct ExactValue: Hashable, @unchecked Sendable {
    let value: GoValue

    static func == (left: ExactValue, right: ExactValue) -> Bool {
        same(left.value, right.value)
    }

    func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }

    /// Values made of nil, booleans, numbers, strings, slices and maps (config data); a
    /// map's text depends on its entries only, not on which map it is.
    static func isMemoizable(_ value: GoValue) -> Bool {
        switch value {
        case .nil, .bool, .int, .int64, .uint64, .float64, .string: return true
        case .slice(let slice): return slice.elements.allSatisfy(isMemoizable)
        case .map(let map): return map.entries.allSatisfy { isMemoizable($0.key) && isMemoizable($0.value) }
        case .structure: return false
        }
    }

    private static func same(_ left: GoValue, _ right: GoValue) -> Bool {
        switch (left, right) {
        case (.nil, .nil): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int64(let a), .int64(let b)): return a == b
        case (.uint64(let a), .uint64(let b)): return a == b
        case (.float64(let a), .float64(let b)): return a.bitPattern == b.bitPattern
        case (.string(let a), .string(let b)): return ExactString(a) == ExactString(b)
        case (.slice(let a), .slice(let b)):
            return a.elementType == b.elementType && a.isNil == b.isNil && a.elements.count == b.elements.count
                && zip(a.elements, b.elements).allSatisfy { same($0, $1) }
        case (.map(let a), .map(let b)):
            guard a.keyType == b.keyType, a.valueType == b.valueType, a.isNil == b.isNil, a.entries.count == b.entries.count else { return false }
            for (key, value) in a.entries {
                guard let index = b.entries.index(forKey: key), same(key, b.entries[index].key), same(value, b.entries[index].value) else { return false }
            }
            return true
        default:
            return false
        }
    }
}
