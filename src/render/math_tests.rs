//! Tests of the LaTeX → MathML conversion and the Anki forms of math.

use super::*;

/// Converts one formula as a build does: on the math thread, with its large stack.
fn convert(latex: &str, display: bool) -> Result<String, MathError> {
    let set = MathSet::convert(vec![(display, latex.to_string())]);
    set.get(latex, display).cloned().expect("converted")
}

/// Parses `xml` and returns the root element's name and every element name in order.
fn names(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_string())
        .collect()
}

#[test]
fn formulas_become_namespaced_mathml_with_their_latex_as_alttext() {
    let out = convert("x^2", false).unwrap();
    assert_eq!(
        out,
        "<math alttext=\"x^2\" xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mi>x</mi><mn>2</mn></msup></math>"
    );
    let out = convert("\\frac{a}{b} < c \\& d", true).unwrap();
    assert!(
        out.starts_with("<math alttext=\"\\frac{a}{b} &lt; c \\&amp; d\""),
        "{out}"
    );
    assert!(out.contains(" display=\"block\""), "{out}");
    assert_eq!(names(&out)[0], "math");
    let out = convert("a\n+ b", false).unwrap();
    assert!(out.starts_with("<math alttext=\"a + b\""), "{out}");
}

#[test]
fn mathml_core_attributes_move_to_mstyle() {
    for latex in [
        "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}",
        "\\begin{aligned} a &= b + c \\\\ d &= e \\end{aligned}",
        "\\displaystyle \\frac{a}{b}",
        "\\scriptstyle x",
    ] {
        let out = convert(latex, true).unwrap();
        let doc = roxmltree::Document::parse(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        for node in doc.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name();
            if node.attribute("scriptlevel").is_some() {
                assert_eq!(name, "mstyle", "{out}");
            }
            if node.attribute("displaystyle").is_some() {
                assert!(["mstyle", "mtable"].contains(&name), "{out}");
            }
        }
    }
}

#[test]
fn bad_latex_is_an_error_never_a_panic() {
    let err = convert("\\frac{a", false).unwrap_err();
    assert_eq!(err.offset, 7);
    assert!(err.message.contains('}'), "{err:?}");
    let err = convert("\\unknowncmd{x}", false).unwrap_err();
    assert!(err.message.contains("unknowncmd"), "{err:?}");
    assert!(convert("}", false).is_err());
    assert!(convert("\\href{javascript:alert(1)}{x}", false).is_err());
    let out = convert("\\text{<script>}", false).unwrap();
    assert!(!out.contains("<script"), "{out}");
}

#[test]
fn deep_or_long_formulas_are_refused_before_math_core_sees_them() {
    let deep = format!("{}x{}", "\\frac{".repeat(5000), "}{y}".repeat(5000));
    let err = convert(&deep, true).unwrap_err();
    assert!(err.message.contains("1000"), "{err:?}");
    let chain = format!("{}x", "\\sqrt ".repeat(MAX_TOKENS + 1));
    assert!(convert(&chain, false).is_err());
    // Just under the limit, as deep as it can be: fine on the math thread.
    // `\frac{…}{y}` is three tokens a level.
    let deepest = format!("{}x{}", "\\frac{".repeat(333), "}{y}".repeat(333));
    assert!(convert(&deepest, true).is_ok());
    let braces = format!("{}x{}", "{".repeat(MAX_TOKENS), "}".repeat(MAX_TOKENS));
    assert!(convert(&braces, false).is_ok());
}

#[test]
fn control_characters_never_reach_the_xml() {
    let out = convert("a\u{1}b", false).unwrap();
    assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
    names(&out);
}

#[test]
fn the_set_converts_each_formula_once_and_deterministically() {
    let formulas = vec![
        (false, "x^2".to_string()),
        (true, "x^2".to_string()),
        (false, "x^2".to_string()),
        (false, "\\frac{".to_string()),
    ];
    let set = MathSet::convert(formulas.clone());
    assert!(set.get("x^2", false).is_some_and(Result::is_ok));
    assert!(
        set.get("x^2", true)
            .is_some_and(|r| r.as_ref().is_ok_and(|m| m.contains("block")))
    );
    assert!(set.get("\\frac{", false).is_some_and(Result::is_err));
    assert!(set.get("y", false).is_none());
    let again = MathSet::convert(formulas);
    assert_eq!(set.converted, again.converted);
    assert!(MathSet::convert(Vec::new()).is_empty());
}

#[test]
fn anki_gets_mathjax_delimiters_and_escaped_latex() {
    let mut out = String::new();
    push_mathjax("a < b & \\{c\\}", false, &mut out);
    push_mathjax("x", true, &mut out);
    assert_eq!(out, "\\(a &lt; b &amp; \\{c\\}\\)\\[x\\]");
}

#[test]
fn text_never_opens_mathjax() {
    let mut out = String::new();
    push_anki_text("a \\(b\\) \\[c\\] \\d <e>", &mut out);
    assert_eq!(
        out,
        "a \\<span></span>(b\\<span></span>) \\<span></span>[c\\<span></span>] \\d &lt;e&gt;"
    );
}

#[test]
fn the_book_shows_bad_latex_as_code() {
    let set = MathSet::convert(vec![
        (false, "\\frac{".to_string()),
        (false, "x".to_string()),
    ]);
    let mut out = String::new();
    push_mathml(Some(&set), "\\frac{", false, &mut out);
    push_mathml(None, "x", false, &mut out);
    assert_eq!(
        out,
        "<code class=\"math-error\">\\frac{</code><code class=\"math-error\">x</code>"
    );
    let mut out = String::new();
    push_mathml(Some(&set), "x", false, &mut out);
    assert!(out.starts_with("<math "), "{out}");
}
