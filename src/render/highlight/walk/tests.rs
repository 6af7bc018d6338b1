//! Table-driven tests of the tree-walking classifiers: for each language, snippets and the
//! tokens (class, text) they must and must not produce, soft keywords used as names, and
//! robustness on broken, odd or non-ASCII input (never a panic, one line span per line).

use crate::render::highlight::highlight;

/// `(language, code, tokens that must appear as `<span class="CLASS">TEXT</span>`, texts
/// that must not appear in any span of the given class)`.
type Case = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    // Python: definitions, calls, builtins, self.
    (
        "python",
        "def area(self, r):\n    return len(r) * self.scale\n",
        &[
            ("keyword", "def"),
            ("function", "area"),
            ("builtin", "self"),
            ("keyword", "return"),
            ("builtin", "len"),
            ("operator", "*"),
            ("property", "scale"),
        ],
        &[("function", "r")],
    ),
    (
        "python",
        "class Point(Base):\n    pass\nclass cls: pass\n",
        &[
            ("type", "Point"),
            ("type", "Base"),
            ("type", "cls"),
            ("keyword", "pass"),
        ],
        &[],
    ),
    (
        "python",
        "MAX_SIZE = 10\nx: int = None\nobj.attr.run()\nprint(x)\n",
        &[
            ("constant", "MAX_SIZE"),
            ("number", "10"),
            ("type", "int"),
            ("constant", "None"),
            ("property", "attr"),
            ("property", "run"),
            ("builtin", "print"),
        ],
        &[("function", "run")],
    ),
    (
        "python",
        "@dataclass\nclass C: pass\n",
        &[("function", "@dataclass")],
        &[],
    ),
    (
        "python",
        "ok = a is not b and x not in y or not z\n",
        &[
            ("operator", "is not"),
            ("operator", "not in"),
            ("operator", "and"),
            ("operator", "or"),
            ("operator", "not"),
        ],
        &[],
    ),
    (
        "python",
        "s = f\"{x!r:>{w}}\\n\" + '\\t'\n",
        &[
            ("punctuation", "{"),
            ("punctuation", "}"),
            ("escape", "\\n"),
            ("escape", "\\t"),
        ],
        &[],
    ),
    // Python soft keywords: keywords in their statements, names elsewhere.
    (
        "python",
        "type Pair = tuple[int, int]\nmatch p:\n    case (0, _):\n        pass\n",
        &[
            ("keyword", "type"),
            ("keyword", "match"),
            ("keyword", "case"),
            ("keyword", "_"),
        ],
        &[],
    ),
    (
        "python",
        "match = 1\ncase = match\ntype = case\n_ = type\nmatch.group(_)\n",
        &[("property", "group")],
        &[
            ("keyword", "match"),
            ("keyword", "case"),
            ("keyword", "type"),
            ("keyword", "_"),
        ],
    ),
    // Bash.
    (
        "bash",
        "ls -la --color \"$HOME\" > out.txt # list\n",
        &[
            ("function", "ls"),
            ("constant", "-la"),
            ("constant", "--color"),
            ("operator", "$"),
            ("property", "HOME"),
            ("operator", "&gt;"),
            ("comment", "# list"),
        ],
        &[],
    ),
    (
        "bash",
        "greet() { local name=$1; echo \"$(date) ${name}\"; }\n",
        &[
            ("function", "greet"),
            ("keyword", "local"),
            ("property", "name"),
            ("embedded", "$(<span class=\"hl-function\">date</span>)"),
        ],
        &[],
    ),
    (
        "bash",
        "for i in 1 2; do echo $i; done\nx=$((i + 2))\n",
        &[
            ("keyword", "for"),
            ("keyword", "in"),
            ("keyword", "do"),
            ("keyword", "done"),
            ("number", "2"),
        ],
        &[],
    ),
    // TOML: table headers are types, keys properties; of `a.b.c` only the last part.
    (
        "toml",
        "[tool.poetry]\nname = \"x\" # n\nversion = 1.5\nok = true\nwhen = 1979-05-27\n\
         a.b.c = 1\nd.e = 2\n[[bin]]\n",
        &[
            ("type", "tool"),
            ("type", "poetry"),
            ("property", "name"),
            ("operator", "="),
            ("string", "&quot;x&quot;"),
            ("comment", "# n"),
            ("number", "1.5"),
            ("constant", "true"),
            ("string-special", "1979-05-27"),
            ("property", "c"),
            ("property", "d"),
            ("property", "e"),
            ("type", "bin"),
        ],
        &[("property", "a"), ("property", "b")],
    ),
    // JSON: keys are strings like the values.
    (
        "json",
        "{\"a\": [1.5, true, null], \"b\": \"x\\n\"}\n",
        &[
            ("string", "&quot;a&quot;"),
            ("number", "1.5"),
            ("constant", "true"),
            ("constant", "null"),
            ("escape", "\\n"),
        ],
        &[("property", "&quot;a&quot;")],
    ),
    // JavaScript.
    (
        "js",
        "function add(a, b) { return a + b; }\nconst twice = (x) => x * 2;\n",
        &[
            ("keyword", "function"),
            ("function", "add"),
            ("keyword", "const"),
            ("function", "twice"),
            ("operator", "=&gt;"),
            ("number", "2"),
        ],
        &[("function", "a")],
    ),
    (
        "js",
        "console.log(MAX_N, new Shape(), this.size, /ab+c/g);\nconst fs = require(\"fs\");\n",
        &[
            ("builtin", "console"),
            ("function", "log"),
            ("constant", "MAX_N"),
            ("keyword", "new"),
            ("type", "Shape"),
            ("builtin", "this"),
            ("property", "size"),
            ("string-special", "<span class=\"hl-operator\">/</span>ab+c"),
            ("builtin", "require"),
            ("string", "&quot;fs&quot;"),
        ],
        &[],
    ),
    (
        "js",
        "const o = { key: function () {}, k2: 1 };\nclass A { m() { return `a ${b} c`; } }\n",
        &[
            ("function", "key"),
            ("property", "k2"),
            ("function", "m"),
            ("punctuation", "${"),
            ("punctuation", "}"),
            ("embedded", "<span class=\"hl-punctuation\">${</span>b"),
        ],
        &[],
    ),
];

#[test]
fn every_language_classifies_its_tokens() {
    for (lang, code, present, absent) in CASES {
        let html = highlight(Some(lang), code);
        for (class, text) in *present {
            let span = format!("<span class=\"hl-{class}\">{text}");
            assert!(html.contains(&span), "{lang}: no {span}\n{code}\n{html}");
        }
        for (class, text) in *absent {
            let span = format!("<span class=\"hl-{class}\">{text}</span>");
            assert!(!html.contains(&span), "{lang}: unexpected {span}\n{html}");
        }
    }
}

#[test]
fn odd_input_never_breaks_the_line_structure() {
    let inputs = [
        "",
        "\n\n",
        "def (:\n  \"\"\"unterminated\n",
        "x = '\u{1F600} caf\u{e9} \u{2028}'\r\nif é: pass\r\n",
        "\0\u{1}\u{7f}",
        "}}}{{{ ]] [[ $( ${ `",
        "a\n\tb\n  \n",
    ];
    for lang in ["python", "bash", "toml", "json", "js", "pycon", "console"] {
        for text in inputs {
            let html = highlight(Some(lang), text);
            let lines = text.strip_suffix('\n').unwrap_or(text).split('\n').count();
            assert_eq!(
                html.matches("<span class=\"line\">").count(),
                lines,
                "{lang}: {text:?}\n{html}"
            );
            assert_eq!(
                html.matches("<span").count(),
                html.matches("</span>").count(),
                "{lang}: {text:?}"
            );
            assert!(!html.contains('\0') || text.contains('\0'));
            assert_eq!(highlight(Some(lang), text), html, "not deterministic");
        }
    }
}
