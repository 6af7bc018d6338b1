//! Test helpers shared by the render tests: a strict-enough XML well-formedness check.

/// A tiny well-formedness check: every start tag is closed in order, voids self-closed,
/// no `<` or `&` outside markup and references, no control characters.
pub fn assert_well_formed(xml: &str) {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(['<', '&']) {
        assert!(
            !rest[..i]
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "control character in {xml:?}"
        );
        let after = &rest[i..];
        if after.starts_with('&') {
            let end = after.find(';').expect("reference ends");
            let name = &after[1..end];
            assert!(
                ["amp", "lt", "gt", "quot", "apos"].contains(&name),
                "entity {name} in {xml:?}"
            );
            rest = &after[end + 1..];
            continue;
        }
        let end = after.find('>').expect("tag ends");
        let tag = &after[1..end];
        assert!(!tag.contains('<'), "`<` inside tag in {xml:?}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "in {xml:?}");
        } else {
            let body = tag.strip_suffix('/').unwrap_or(tag);
            let (name, mut attrs) = body.split_once(' ').unwrap_or((body, ""));
            assert!(
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()),
                "bad tag name {name:?} in {xml:?}"
            );
            // Attributes: `name="value"` separated by spaces, values free of `<` and `"`.
            let mut seen = Vec::new();
            while !attrs.trim_start().is_empty() {
                attrs = attrs.trim_start();
                let (key, value) = attrs.split_once("=\"").expect("quoted attribute");
                assert!(
                    key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                    "bad attribute name {key:?} in {xml:?}"
                );
                assert!(!seen.contains(&key), "duplicate attribute in {xml:?}");
                seen.push(key);
                let close = value.find('"').expect("attribute value ends");
                attrs = &value[close + 1..];
            }
            if !tag.ends_with('/') {
                assert!(!["br", "hr", "img"].contains(&name), "open void in {xml:?}");
                stack.push(name.to_string());
            }
        }
        rest = &after[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed {stack:?} in {xml:?}");
}
