"""Swift string literals and output paths for the generators of checked-in files."""
import pathlib
import sys


def output_root(root):
    """Where a generator writes: the folder given as its one argument (a test compares what
    it writes there with the checked-in files), or else the repository."""
    return pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root


def write(path, text):
    """Writes `text` as UTF-8 to `path`, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")




def swift_string(text):
    """A one-line Swift string literal spelling `text` exactly."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append("\\u{%X}" % code)
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
