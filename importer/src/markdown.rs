//! The links of descriptions, as the published description writes them.
//!
//! The page generator rewrites the description's absolute links to the documentation
//! (`https://mews-systems.gitbook.io/connector-api/...`) as links relative to the page
//! (`absoluteMdLinksToRelative` in `page.js`); this undoes it: a relative `.md` link becomes
//! the documentation's address again (a folder's `README.md` is the folder).

/// Where the documentation lives.
pub const DOCUMENTATION: &str = "https://mews-systems.gitbook.io/connector-api/";

/// Rewrites the relative links of a description written on `operations/<page>`.
pub fn absolute_links(text: &str, page: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        out.push_str(&rest[..start + 2]);
        rest = &rest[start + 2..];
        let Some(end) = rest.find(')') else {
            break;
        };
        out.push_str(&absolute(&rest[..end], page));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn absolute(target: &str, page: &str) -> String {
    if target.contains("://") || target.starts_with("mailto:") {
        return target.to_owned();
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let path = if path.is_empty() { page } else { path };
    let Some(stripped) = path.strip_suffix(".md") else {
        return target.to_owned();
    };
    // Resolve against `operations/`.
    let mut segments: Vec<&str> = vec!["operations"];
    for segment in stripped.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    let mut address = String::from(DOCUMENTATION);
    if segments.last() == Some(&"README") {
        segments.pop();
        address.push_str(&segments.join("/"));
        address.push('/');
    } else {
        address.push_str(&segments.join("/"));
    }
    if let Some(anchor) = anchor {
        address.push('#');
        address.push_str(anchor);
    }
    address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_become_the_documentations_addresses() {
        assert_eq!(
            absolute_links("Supports [Portfolio Access Tokens](../concepts/multi-property.md).", "customers.md"),
            "Supports [Portfolio Access Tokens](https://mews-systems.gitbook.io/connector-api/concepts/multi-property)."
        );
        assert_eq!(
            absolute_links("[a](payments.md#get-all-payments) and [b](#customer)", "customers.md"),
            "[a](https://mews-systems.gitbook.io/connector-api/operations/payments#get-all-payments) and \
             [b](https://mews-systems.gitbook.io/connector-api/operations/customers#customer)"
        );
        assert_eq!(
            absolute_links("[deprecated](../deprecations/README.md)", "x.md"),
            "[deprecated](https://mews-systems.gitbook.io/connector-api/deprecations/)"
        );
        assert_eq!(
            absolute_links("[x](https://example.com/a.md) and (parentheses)", "x.md"),
            "[x](https://example.com/a.md) and (parentheses)"
        );
    }
}
