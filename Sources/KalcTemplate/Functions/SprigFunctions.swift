/// The sprig v2.22 function set as Kalypso has it (`scheduler/sprigv2.go`): every name of
/// v2.22's `genericMap`, with v2's numeric conversions and `trunc`.
enum SprigFunctions {
    static let all: [TemplateFunction] =
        SprigStrings.all + SprigMath.all + SprigLists.all + SprigDicts.all
        + SprigOther.defaults + SprigOther.reflection + SprigOther.paths + SprigOther.urls + SprigOther.dates
        + SprigOther.refusedFunctions + SprigRegex.all + SprigSemver.all

    /// The names sprig v2.22.0 defines (the keys of its `genericMap`).
    static let v2Names: Set<String> = [
        "abbrev", "abbrevboth", "add", "add1", "adler32sum", "ago", "append", "atoi",
        "b32dec", "b32enc", "b64dec", "b64enc", "base", "biggest", "buildCustomCert",
        "camelcase", "cat", "ceil", "clean", "coalesce", "compact", "concat", "contains",
        "date", "dateInZone", "dateModify", "date_in_zone", "date_modify", "decryptAES",
        "deepCopy", "deepEqual", "default", "derivePassword", "dict", "dir", "div",
        "empty", "encryptAES", "env", "expandenv", "ext", "fail", "first", "float64",
        "floor", "genCA", "genPrivateKey", "genSelfSignedCert", "genSignedCert",
        "getHostByName", "has", "hasKey", "hasPrefix", "hasSuffix", "hello", "htmlDate",
        "htmlDateInZone", "indent", "initial", "initials", "int", "int64", "isAbs",
        "join", "kebabcase", "keys", "kindIs", "kindOf", "last", "list", "lower", "max",
        "merge", "mergeOverwrite", "min", "mod", "mul", "nindent", "nospace", "now",
        "omit", "pick", "pluck", "plural", "prepend", "push", "quote", "randAlpha",
        "randAlphaNum", "randAscii", "randNumeric", "regexFind", "regexFindAll",
        "regexMatch", "regexReplaceAll", "regexReplaceAllLiteral", "regexSplit",
        "repeat", "replace", "rest", "reverse", "round", "semver", "semverCompare",
        "set", "sha1sum", "sha256sum", "shuffle", "slice", "snakecase", "sortAlpha",
        "split", "splitList", "splitn", "squote", "sub", "substr", "swapcase",
        "ternary", "title", "toDate", "toDecimal", "toJson", "toPrettyJson",
        "toString", "toStrings", "trim", "trimAll", "trimPrefix", "trimSuffix",
        "trimall", "trunc", "tuple", "typeIs", "typeIsLike", "typeOf", "uniq",
        "unixEpoch", "unset", "until", "untilStep", "untitle", "upper", "urlJoin",
        "urlParse", "uuidv4", "values", "without", "wrap", "wrapWith",
    ]
}
