/// A non-negative integer of any size, with just the arithmetic that exact decimal
/// comparisons, divisibility and Go's `big.Float` formatting need.
struct BigUInt: Comparable, CustomStringConvertible {
    /// Base-2³² digits, least significant first, without leading zero limbs.
    private(set) var limbs: [UInt32]

    init(_ value: UInt64 = 0) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        normalize()
    }

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        normalize()
    }

    /// The integer whose decimal digits (most significant first, each 0...9) are given.
    init(decimalDigits: some Sequence<UInt8>) {
        self.init()
        var chunk: UInt32 = 0
        var chunkLength = 0
        for digit in decimalDigits {
            chunk = chunk * 10 + UInt32(digit)
            chunkLength += 1
            if chunkLength == 9 {
                multiply(by: 1_000_000_000, adding: chunk)
                chunk = 0
                chunkLength = 0
            }
        }
        if chunkLength > 0 {
            var scale: UInt32 = 1
            for _ in 0..<chunkLength { scale *= 10 }
            multiply(by: scale, adding: chunk)
        }
    }

    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    var bitLength: Int {
        guard let last = limbs.last else { return 0 }
        return (limbs.count - 1) * 32 + (32 - last.leadingZeroBitCount)
    }

    var trailingZeroBitCount: Int {
        for (index, limb) in limbs.enumerated() where limb != 0 {
            return index * 32 + limb.trailingZeroBitCount
        }
        return 0
    }

    var isEven: Bool { limbs.first.map { $0 & 1 == 0 } ?? true }

    /// `self = self * factor + addend`.
    mutating func multiply(by factor: UInt32, adding addend: UInt32 = 0) {
        var carry = UInt64(addend)
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
        normalize()
    }

    /// Divides in place by a small divisor and returns the remainder.
    mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = (remainder << 32) | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        normalize()
        return UInt32(remainder)
    }

    /// The remainder of a division by a small divisor.
    func remainder(dividingBy divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for limb in limbs.reversed() {
            remainder = ((remainder << 32) | UInt64(limb)) % UInt64(divisor)
        }
        return UInt32(remainder)
    }

    /// How many times `prime` divides the number, counting at most `limit` times.
    func multiplicity(of prime: UInt32, limit: Int) -> Int {
        guard !isZero else { return limit }
        var value = self
        var count = 0
        while count < limit, value.remainder(dividingBy: prime) == 0 {
            _ = value.divide(by: prime)
            count += 1
        }
        return count
    }

    static func power(_ base: UInt32, _ exponent: Int) -> BigUInt {
        var result = BigUInt(1)
        var remaining = exponent
        while remaining > 0 {
            let step = min(remaining, base == 5 ? 13 : 9)
            var factor: UInt32 = 1
            for _ in 0..<step { factor *= base }
            result.multiply(by: factor)
            remaining -= step
        }
        return result
    }

    static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        guard !lhs.isZero, !rhs.isZero else { return BigUInt() }
        var result = [UInt32](repeating: 0, count: lhs.limbs.count + rhs.limbs.count)
        for (i, a) in lhs.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in rhs.limbs.enumerated() {
                let sum = UInt64(a) * UInt64(b) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
            }
            var k = i + rhs.limbs.count
            while carry > 0 {
                let sum = UInt64(result[k]) + carry
                result[k] = UInt32(truncatingIfNeeded: sum)
                carry = sum >> 32
                k += 1
            }
        }
        return BigUInt(limbs: result)
    }

    static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var result = [UInt32](repeating: 0, count: max(lhs.limbs.count, rhs.limbs.count) + 1)
        var carry: UInt64 = 0
        for index in 0..<(result.count - 1) {
            let a = index < lhs.limbs.count ? UInt64(lhs.limbs[index]) : 0
            let b = index < rhs.limbs.count ? UInt64(rhs.limbs[index]) : 0
            let sum = a + b + carry
            result[index] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        result[result.count - 1] = UInt32(carry)
        return BigUInt(limbs: result)
    }

    /// `lhs - rhs`; requires `lhs >= rhs`.
    static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var result = lhs.limbs
        var borrow: Int64 = 0
        for index in result.indices {
            let b = index < rhs.limbs.count ? Int64(rhs.limbs[index]) : 0
            var difference = Int64(result[index]) - b - borrow
            if difference < 0 {
                difference += 1 << 32
                borrow = 1
            } else {
                borrow = 0
            }
            result[index] = UInt32(difference)
        }
        return BigUInt(limbs: result)
    }

    static func << (lhs: BigUInt, shift: Int) -> BigUInt {
        guard shift > 0, !lhs.isZero else { return lhs }
        let limbShift = shift / 32
        let bitShift = shift % 32
        var result = [UInt32](repeating: 0, count: lhs.limbs.count + limbShift + 1)
        for (index, limb) in lhs.limbs.enumerated() {
            let wide = UInt64(limb) << UInt64(bitShift)
            result[index + limbShift] |= UInt32(truncatingIfNeeded: wide)
            result[index + limbShift + 1] |= UInt32(truncatingIfNeeded: wide >> 32)
        }
        return BigUInt(limbs: result)
    }

    static func >> (lhs: BigUInt, shift: Int) -> BigUInt {
        guard shift > 0 else { return lhs }
        let limbShift = shift / 32
        let bitShift = shift % 32
        guard limbShift < lhs.limbs.count else { return BigUInt() }
        var result = [UInt32](repeating: 0, count: lhs.limbs.count - limbShift)
        for index in result.indices {
            let low = UInt64(lhs.limbs[index + limbShift])
            let high = index + limbShift + 1 < lhs.limbs.count ? UInt64(lhs.limbs[index + limbShift + 1]) : 0
            result[index] = UInt32(truncatingIfNeeded: ((high << 32) | low) >> UInt64(bitShift))
        }
        return BigUInt(limbs: result)
    }

    /// Whether bit `index` is set.
    func bit(_ index: Int) -> Bool {
        let limb = index / 32
        guard limb < limbs.count else { return false }
        return (limbs[limb] >> UInt32(index % 32)) & 1 == 1
    }

    /// Whether any bit below `count` is set.
    func hasBits(below count: Int) -> Bool {
        guard count > 0 else { return false }
        for index in 0..<min(count / 32, limbs.count) where limbs[index] != 0 { return true }
        let limb = count / 32
        guard limb < limbs.count else { return false }
        let mask: UInt32 = (1 << UInt32(count % 32)) &- 1
        return limbs[limb] & mask != 0
    }

    /// Quotient and remainder, by shift-and-subtract over the quotient's bits (a zero
    /// divisor gives a zero quotient; callers never divide by zero).
    func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        if divisor.isZero || self < divisor { return (BigUInt(), self) }
        if divisor.limbs.count == 1 {
            var quotient = self
            let remainder = quotient.divide(by: divisor.limbs[0])
            return (quotient, BigUInt(UInt64(remainder)))
        }
        var quotient = [UInt32](repeating: 0, count: limbs.count)
        var remainder = self
        var shift = bitLength - divisor.bitLength
        var shifted = divisor << shift
        while shift >= 0 {
            if remainder >= shifted {
                remainder = remainder - shifted
                quotient[shift / 32] |= 1 << UInt32(shift % 32)
            }
            shifted = shifted >> 1
            shift -= 1
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// Decimal digits, most significant first (`[0]` for zero).
    var decimalDigits: [UInt8] {
        guard !isZero else { return [0] }
        var value = self
        var chunks: [UInt32] = []
        while !value.isZero { chunks.append(value.divide(by: 1_000_000_000)) }
        var digits: [UInt8] = []
        for (index, chunk) in chunks.reversed().enumerated() {
            var chunkDigits = Array(String(chunk).utf8).map { $0 - 0x30 }
            if index > 0 {
                chunkDigits = [UInt8](repeating: 0, count: 9 - chunkDigits.count) + chunkDigits
            }
            digits.append(contentsOf: chunkDigits)
        }
        return digits
    }

    var description: String { String(decoding: decimalDigits.map { $0 + 0x30 }, as: UTF8.self) }

    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count }
        for index in lhs.limbs.indices.reversed() where lhs.limbs[index] != rhs.limbs[index] {
            return lhs.limbs[index] < rhs.limbs[index]
        }
        return false
    }
}
