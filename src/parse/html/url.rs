//! Link and image targets, checked once for every output: which schemes a guide may link to,
//! whether a web address has a host, and the percent-encoding XHTML and EPUB need.
//!
//! Before looking at a target, white space and control characters are removed the way a
//! browser removes them (`java\tscript:` is `javascript:`). A link may lead to `http:` or
//! `https:` with a valid host, to `mailto:`, to a `#fragment`, or be a relative reference
//! (the renderers decide what a relative link becomes); any other scheme (`javascript:`,
//! `data:`, `vbscript:`, `file:`) is refused. An image may be a relative path or `http(s):`.
//! A target that names `javascript:` anywhere (`x;javascript:…`, `?q=javascript:…`) is
//! refused too: a reader that splits or rewrites URLs must never meet one.
//!
//! A kept link is percent-encoded where a URL may not hold a character as it is: space,
//! `"`, `<`, `>`, `\`, `^`, `` ` ``, `{`, `|`, `}`, `[` and `]` (except around an IPv6 host),
//! a second `#`, and a `%` that starts no `%XX` escape. Valid escapes and non-ASCII text are
//! kept as they are (an IRI is a valid `href`). The encoding is percent-encoding's, with this
//! set.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// The ASCII characters percent-encoded in a link (`%` is handled on its own).
const ENCODE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// [`ENCODE`] and `#`: for the fragment, where a second `#` may not stand.
const ENCODE_FRAGMENT: &AsciiSet = &ENCODE.add(b'#');

/// The scheme of a target, lower case, if it has one (`HTTP://x` → `http`; `a/b:c` and
/// `#x:y` have none).
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// `raw` as a browser reads a URL attribute: leading and trailing white space and control
/// characters removed, and every control character (tab, newline, …) inside it.
fn cleaned(raw: &str) -> String {
    raw.trim_matches(|c: char| c <= ' ' || c.is_control())
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// The target to keep for a link to `raw` (Markdown or `<a href>`), percent-encoded, or
/// `None` when the link must not be kept (its text stays): see the module documentation.
pub fn link(raw: &str) -> Option<String> {
    let url = cleaned(raw);
    if names_javascript(&url) {
        return None;
    }
    match scheme(&url).as_deref() {
        None => Some(encode(&url, None)),
        Some("http" | "https") => {
            let (scheme, rest) = url.split_at(url.find(':')? + 1);
            let authority = rest.strip_prefix("//")?;
            let end = authority.find(['/', '?', '#']).unwrap_or(authority.len());
            let host = valid_authority(&authority[..end])?;
            Some(encode(&url, Some(scheme.len() + 2 + host)))
        }
        Some("mailto") if url.len() > "mailto:".len() => Some(encode(&url, None)),
        Some(_) => None,
    }
}

/// The source to keep for an image referenced as `raw`: trimmed as a browser trims it, or
/// `None` for a scheme other than `http(s)` (`data:`, `javascript:`, `file:`). The media set
/// decides later whether a kept source can be used.
pub fn image(raw: &str) -> Option<String> {
    let url = raw.trim_matches(|c: char| c <= ' ' || c.is_control());
    if names_javascript(&cleaned(url)) {
        return None;
    }
    match scheme(&cleaned(url)).as_deref() {
        None | Some("http" | "https") => Some(url.to_string()),
        // `C:\…`: a Windows path, which the media set refuses with its own reason.
        Some(s) if s.len() == 1 => Some(url.to_string()),
        Some(_) => None,
    }
}

/// Whether `url` (cleaned) names `javascript:` anywhere, in any case, white space removed.
fn names_javascript(url: &str) -> bool {
    let squeezed: String = url.chars().filter(|c| !c.is_whitespace()).collect();
    squeezed.to_ascii_lowercase().contains("javascript:")
}

/// Checks an `http(s)` authority (`user@host:port`) and returns the byte offset where its
/// host ends and its port begins (so an IPv6 host's brackets are kept), or `None` when the
/// host is not a host (`https://../`, `https://`, `https://a..b/`).
fn valid_authority(authority: &str) -> Option<usize> {
    let at = authority.rfind('@').map_or(0, |i| i + 1);
    let hostport = &authority[at..];
    let (host_end, port) = if let Some(inner) = hostport.strip_prefix('[') {
        let close = inner.find(']')?;
        let ip = &inner[..close];
        let ok = !ip.is_empty()
            && ip.contains(':')
            && ip
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'));
        if !ok {
            return None;
        }
        (close + 2, &hostport[close + 2..])
    } else {
        let end = hostport.find(':').unwrap_or(hostport.len());
        let host = &hostport[..end];
        let host = host.strip_suffix('.').unwrap_or(host);
        let label_ok = |label: &str| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        };
        if !host.split('.').all(label_ok) {
            return None;
        }
        (end, &hostport[end..])
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|p| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    port_ok.then_some(at + host_end)
}

/// `url` percent-encoded (see the module documentation). The host, when `host_end` marks
/// where it ends, keeps its brackets.
fn encode(url: &str, host_end: Option<usize>) -> String {
    let (kept, rest) = match host_end {
        Some(end) if url[..end].contains('[') => url.split_at(end),
        _ => ("", url),
    };
    let (before, fragment) = match rest.find('#') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let mut out = String::with_capacity(url.len() + 8);
    out.push_str(kept);
    push_encoded(&mut out, before, ENCODE);
    if let Some(fragment) = fragment {
        out.push('#');
        push_encoded(&mut out, fragment, ENCODE_FRAGMENT);
    }
    out
}

/// Appends `text` with `set` percent-encoded, keeping valid `%XX` escapes and encoding any
/// other `%`.
fn push_encoded(out: &mut String, text: &str, set: &'static AsciiSet) {
    let mut rest = text;
    while let Some(i) = rest.find('%') {
        push_ascii_encoded(out, &rest[..i], set);
        let escape = rest.as_bytes().get(i + 1..i + 3);
        if escape.is_some_and(|e| e.iter().all(u8::is_ascii_hexdigit)) {
            out.push_str(&rest[i..i + 3]);
            rest = &rest[i + 3..];
        } else {
            out.push_str("%25");
            rest = &rest[i + 1..];
        }
    }
    push_ascii_encoded(out, rest, set);
}

/// Appends `text` with the ASCII characters of `set` percent-encoded and any other character
/// as it is (non-ASCII text stays readable: an IRI is a valid link).
fn push_ascii_encoded(out: &mut String, text: &str, set: &'static AsciiSet) {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        out.extend(utf8_percent_encode(&rest[..ascii], set));
        let other = rest[ascii..]
            .find(|c: char| c.is_ascii())
            .map_or(rest.len(), |i| ascii + i);
        out.push_str(&rest[ascii..other]);
        rest = &rest[other..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_only_safe_schemes() {
        for unsafe_url in [
            "javascript:alert(1)",
            " JAVASCRIPT:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:x",
            "\u{1}javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
            "mailto:",
            "x;javascript:alert(1)",
            "https://e.org/?q=JavaScript:1",
            "#javascript:x",
        ] {
            assert_eq!(link(unsafe_url), None, "{unsafe_url:?}");
        }
        assert_eq!(link(" https://a.b/c ").as_deref(), Some("https://a.b/c"));
        assert_eq!(link("HTTP://a.b").as_deref(), Some("HTTP://a.b"));
        assert_eq!(link("mailto:a@b.c").as_deref(), Some("mailto:a@b.c"));
        assert_eq!(link("#sec").as_deref(), Some("#sec"));
        assert_eq!(link("other.md#x").as_deref(), Some("other.md#x"));
        assert_eq!(link("a/b:c").as_deref(), Some("a/b:c"));
    }

    #[test]
    fn web_links_need_a_host() {
        for bad in [
            "https://../",
            "https://",
            "https:",
            "http:///etc",
            "https://a..b/",
            "https://-a.com/",
            "https://a.com:port/",
            "https://[zz]/",
            "https://[::1/",
            "https:example.com",
        ] {
            assert_eq!(link(bad), None, "{bad}");
        }
        for good in [
            "https://example.com",
            "https://example.com./x",
            "http://1.2.3.4:8080/",
            "https://user:pw@host_name.example/",
            "https://bücher.de/",
            "http://[::1]:80/",
        ] {
            assert_eq!(link(good).as_deref(), Some(good), "{good}");
        }
    }

    #[test]
    fn links_are_percent_encoded_where_a_url_may_not_hold_a_character() {
        assert_eq!(
            link("https://example.com/?q=]").as_deref(),
            Some("https://example.com/?q=%5D")
        );
        assert_eq!(
            link("https://example.com/[").as_deref(),
            Some("https://example.com/%5B")
        );
        assert_eq!(
            link("https://x.org/?q=[1]&r={2}|%zz%41 é\"<>\\^`").as_deref(),
            Some("https://x.org/?q=%5B1%5D&r=%7B2%7D%7C%25zz%41%20é%22%3C%3E%5C%5E%60")
        );
        assert_eq!(
            link("http://[::1]:80/a[b]").as_deref(),
            Some("http://[::1]:80/a%5Bb%5D")
        );
        assert_eq!(link("#a#b").as_deref(), Some("#a%23b"));
        assert_eq!(link("#a%").as_deref(), Some("#a%25"));
        assert_eq!(link("a b.md").as_deref(), Some("a%20b.md"));
    }

    #[test]
    fn images_are_relative_or_web() {
        assert_eq!(image(" img/a.png ").as_deref(), Some("img/a.png"));
        assert_eq!(image("https://x/a.png").as_deref(), Some("https://x/a.png"));
        assert_eq!(image("C:\\a.png").as_deref(), Some("C:\\a.png"));
        assert_eq!(image("javascript:alert(1)"), None);
        assert_eq!(image("jav\tascript:alert(1)"), None);
        assert_eq!(image("data:image/png;base64,AAAA"), None);
        assert_eq!(image("a.png?javascript:x"), None);
    }
}
