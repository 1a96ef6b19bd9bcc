import KalcGo

/// The parse tree of a Go template, as `text/template/parse` builds it. Every node carries
/// the byte offset (`position`) of its start in the template text; `description` renders a
/// node as Go's `Node.String()` does (error messages quote it).

/// A sequence of nodes (`parse.ListNode`).
public struct ListNode: Sendable, Hashable {
    /// Byte offset of the list's first token.
    public var position: Int
    /// The nodes in source order.
    public var nodes: [TemplateNode]

    /// The list as Go prints it.
    public var description: String { nodes.map(\.description).joined() }
}

/// One element of a template body.
public enum TemplateNode: Sendable, Hashable {
    /// Plain text, copied to the output.
    case text(TextNode)
    /// A comment (`{{/* ... */}}`), kept only when comments are requested.
    case comment(CommentNode)
    /// An action that evaluates a pipeline and prints it unless it declares variables.
    case action(ActionNode)
    /// `{{if}}` with its optional `{{else}}` list.
    case `if`(BranchNode)
    /// `{{range}}` with its optional `{{else}}` list.
    case range(BranchNode)
    /// `{{with}}` with its optional `{{else}}` list.
    case with(BranchNode)
    /// `{{template "name" pipeline}}` (also the call a `{{block}}` leaves in place).
    case template(TemplateCallNode)
    /// `{{break}}` inside a range, at a byte offset.
    case `break`(position: Int, line: Int)
    /// `{{continue}}` inside a range, at a byte offset.
    case `continue`(position: Int, line: Int)

    /// Byte offset of the node in the template text.
    public var position: Int {
        switch self {
        case .text(let n): return n.position
        case .comment(let n): return n.position
        case .action(let n): return n.position
        case .if(let n), .range(let n), .with(let n): return n.position
        case .template(let n): return n.position
        case .break(let position, _), .continue(let position, _): return position
        }
    }

    /// The node as Go's `String()` prints it.
    public var description: String {
        switch self {
        case .text(let n): return n.text
        case .comment(let n): return "{{" + n.text + "}}"
        case .action(let n): return n.description
        case .if(let n): return n.description(keyword: "if")
        case .range(let n): return n.description(keyword: "range")
        case .with(let n): return n.description(keyword: "with")
        case .template(let n): return n.description
        case .break: return "{{break}}"
        case .continue: return "{{continue}}"
        }
    }
}

/// Plain text between actions.
public struct TextNode: Sendable, Hashable {
    /// Byte offset of the text.
    public var position: Int
    /// The text after trim markers were applied.
    public var text: String
}

/// A comment, including its `/*` and `*/`.
public struct CommentNode: Sendable, Hashable {
    /// Byte offset of the comment.
    public var position: Int
    /// The comment text including its markers.
    public var text: String
}

/// A non-control action: `{{pipeline}}`.
public struct ActionNode: Sendable, Hashable {
    /// Byte offset of the action's first token after `{{`.
    public var position: Int
    /// The 1-based line of the action.
    public var line: Int
    /// The pipeline the action evaluates.
    public var pipe: PipeNode

    /// The action as Go prints it.
    public var description: String { "{{" + pipe.description + "}}" }
}

/// `if`, `range` and `with`: a pipeline, a body, and an optional else body.
public struct BranchNode: Sendable, Hashable {
    /// Byte offset of the pipeline.
    public var position: Int
    /// The 1-based line of the pipeline.
    public var line: Int
    /// The controlling pipeline.
    public var pipe: PipeNode
    /// The body run when the pipeline's value is non-empty (for `range`: per element).
    public var list: ListNode
    /// The body run otherwise, when present (`{{else if}}` nests an `if` here).
    public var elseList: ListNode?

    func description(keyword: String) -> String {
        var s = "{{" + keyword + " " + pipe.description + "}}" + list.description
        if let elseList { s += "{{else}}" + elseList.description }
        return s + "{{end}}"
    }
}

/// `{{template "name" pipeline}}`.
public struct TemplateCallNode: Sendable, Hashable {
    /// Byte offset of the template name.
    public var position: Int
    /// The 1-based line of the call.
    public var line: Int
    /// The name of the template called.
    public var name: String
    /// The pipeline giving the called template's dot, if any.
    public var pipe: PipeNode?

    /// The call as Go prints it.
    public var description: String {
        var s = "{{template " + GoStrconv.quote(name)
        if let pipe { s += " " + pipe.description }
        return s + "}}"
    }
}

/// A pipeline: optional variable declarations, then commands separated by `|`.
public struct PipeNode: Sendable, Hashable {
    /// Byte offset of the pipeline's first token.
    public var position: Int
    /// The 1-based line of the pipeline.
    public var line: Int
    /// Whether the variables are assigned (`=`) rather than declared (`:=`).
    public var isAssign: Bool
    /// The variables declared or assigned, in source order.
    public var declarations: [VariableNode]
    /// The commands, in source order.
    public var commands: [CommandNode]

    /// The pipeline as Go prints it (declarations always print with `:=`).
    public var description: String {
        var s = ""
        if !declarations.isEmpty {
            s = declarations.map(\.description).joined(separator: ", ") + " := "
        }
        return s + commands.map(\.description).joined(separator: " | ")
    }
}

/// One command of a pipeline: a function or value followed by arguments.
public struct CommandNode: Sendable, Hashable {
    /// Byte offset of the command.
    public var position: Int
    /// The operands; the first is the function, field or value.
    public var arguments: [ArgumentNode]

    /// The command as Go prints it.
    public var description: String {
        arguments.map { argument in
            if case .pipe(let pipe) = argument { return "(" + pipe.description + ")" }
            return argument.description
        }.joined(separator: " ")
    }
}

/// An operand of a command.
public indirect enum ArgumentNode: Sendable, Hashable {
    /// A function name.
    case identifier(name: String, position: Int)
    /// A field chain on dot: `.A.B`.
    case field(FieldNode)
    /// A variable with an optional field chain: `$x.A`.
    case variable(VariableNode)
    /// Dot itself.
    case dot(position: Int)
    /// The untyped `nil`.
    case `nil`(position: Int)
    /// `true` or `false`.
    case bool(Bool, position: Int)
    /// A number or character constant.
    case number(NumberNode)
    /// A quoted or raw string.
    case string(StringNode)
    /// A field chain on another operand: `(pipeline).A.B`.
    case chain(ChainNode)
    /// A parenthesized pipeline.
    case pipe(PipeNode)

    /// Byte offset of the operand.
    public var position: Int {
        switch self {
        case .identifier(_, let position), .dot(let position), .nil(let position), .bool(_, let position):
            return position
        case .field(let n): return n.position
        case .variable(let n): return n.position
        case .number(let n): return n.position
        case .string(let n): return n.position
        case .chain(let n): return n.position
        case .pipe(let n): return n.position
        }
    }

    /// The operand as Go prints it.
    public var description: String {
        switch self {
        case .identifier(let name, _): return name
        case .field(let n): return n.description
        case .variable(let n): return n.description
        case .dot: return "."
        case .nil: return "nil"
        case .bool(let b, _): return b ? "true" : "false"
        case .number(let n): return n.text
        case .string(let n): return n.quoted
        case .chain(let n): return n.description
        case .pipe(let n): return n.description
        }
    }
}

/// `.A.B.C`: field names without their dots.
public struct FieldNode: Sendable, Hashable {
    /// Byte offset Go reports for the node: for a chain `.A.B` the offset of `.B`.
    public var position: Int
    /// The field names in order.
    public var names: [String]
    /// Byte offset of the first `.` of the chain.
    public var start: Int

    init(position: Int, names: [String], start: Int? = nil) {
        self.position = position
        self.names = names
        self.start = start ?? position
    }

    /// The chain as Go prints it.
    public var description: String { names.map { "." + $0 }.joined() }
}

/// `$x.A.B`: the variable name (with `$`) followed by field names.
public struct VariableNode: Sendable, Hashable {
    /// Byte offset Go reports for the node: for `$x.A` the offset of `.A`.
    public var position: Int
    /// The variable name followed by any field names.
    public var names: [String]
    /// Byte offset of the `$`.
    public var start: Int

    init(position: Int, names: [String], start: Int? = nil) {
        self.position = position
        self.names = names
        self.start = start ?? position
    }

    /// The variable name, including `$`.
    public var variableName: String { names.first ?? "$" }
    /// The field chain after the variable.
    public var fields: [String] { Array(names.dropFirst()) }

    /// The reference as Go prints it.
    public var description: String { names.joined(separator: ".") }
}

/// A field chain applied to a term that is not dot or a variable.
public struct ChainNode: Sendable, Hashable {
    /// Byte offset of the first field of the chain.
    public var position: Int
    /// The term the fields apply to.
    public var node: ArgumentNode
    /// The field names in order.
    public var fields: [String]

    /// The chain as Go prints it.
    public var description: String {
        var s: String
        if case .pipe(let pipe) = node { s = "(" + pipe.description + ")" } else { s = node.description }
        for field in fields { s += "." + field }
        return s
    }
}

/// A string constant.
public struct StringNode: Sendable, Hashable {
    /// Byte offset of the opening quote.
    public var position: Int
    /// The literal as written, with quotes.
    public var quoted: String
    /// The string's value.
    public var text: String
}

/// A numeric or character constant, holding every Go type that can represent it.
public struct NumberNode: Sendable, Hashable {
    /// Byte offset of the literal.
    public var position: Int
    /// The literal as written.
    public var text: String
    /// Whether the constant has an integral value (`int64Value`).
    public var isInt = false
    /// Whether the constant has an unsigned integral value (`uint64Value`).
    public var isUint = false
    /// Whether the constant has a floating-point value (`float64Value`).
    public var isFloat = false
    /// Whether the constant is complex (`complexValue`).
    public var isComplex = false
    /// The signed integer value.
    public var int64Value: Int64 = 0
    /// The unsigned integer value.
    public var uint64Value: UInt64 = 0
    /// The floating-point value.
    public var float64Value: Double = 0
    /// The complex value as (real, imaginary).
    public var complexValue: (Double, Double) { (complexReal, complexImaginary) }
    var complexReal: Double = 0
    var complexImaginary: Double = 0
}

/// A parsed template and the templates it defines (`{{define}}`, `{{block}}`).
public struct TemplateSet: Sendable {
    /// The name of the top-level template.
    public var name: String
    /// The template text the trees were parsed from (positions index into it).
    public var text: String
    /// Every template by name, including the top-level one.
    public var trees: [String: ListNode]

    /// The body of the top-level template.
    public var root: ListNode { trees[name] ?? ListNode(position: 0, nodes: []) }
}
