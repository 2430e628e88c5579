//! Slugs: the URL-safe ids of meetings, subcategories and regions.

/// `[a-z0-9-]+`: what may stand in a URL path segment as it is.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_slug;

    #[test]
    fn slugs_are_lowercase_ascii_words_and_hyphens() {
        assert!(is_slug("jrs-annual-meeting"));
        assert!(is_slug("3-1"));
        assert!(!is_slug(""));
        assert!(!is_slug("JRS"));
        assert!(!is_slug("kanto_ivr"));
        assert!(!is_slug("関東"));
    }
}
