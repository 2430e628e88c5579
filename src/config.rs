//! The site configuration, `site.toml`: one typed record, defaults in one
//! place, unknown keys an error.

use serde::Deserialize;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::model::Localized;
use crate::toml_input;

pub const FILE_NAME: &str = "site.toml";

/// The template engine that renders the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EngineKind {
    Tera,
    Minijinja,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Always ends with `/`.
    pub base_url: String,
    pub theme: String,
    pub template_engine: EngineKind,
    pub title: Localized,
    pub description: Localized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    base_url: toml::Spanned<String>,
    #[serde(default = "default_theme")]
    theme: toml::Spanned<String>,
    #[serde(default = "default_engine")]
    template_engine: EngineKind,
    title: RawLocalized,
    description: RawLocalized,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLocalized {
    ja: String,
    en: String,
}

fn default_theme() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "default".to_string())
}

fn default_engine() -> EngineKind {
    EngineKind::Tera
}

impl Config {
    pub fn parse(file: &SourceFile, problems: &mut Diagnostics) -> Option<Config> {
        let raw: RawConfig = toml_input::deserialize_document(file, problems)?;
        let base_url = match parse_base_url(raw.base_url.get_ref()) {
            Ok(url) => url,
            Err(problem) => {
                problems.push(file.diagnostic(raw.base_url.span(), problem));
                return None;
            }
        };
        if !crate::slug::is_slug(raw.theme.get_ref()) {
            problems.push(
                file.diagnostic(
                    raw.theme.span(),
                    format!(
                        "the theme `{}` is not a folder name under themes/",
                        raw.theme.get_ref()
                    ),
                )
                .with_help("name a folder of themes/ with lowercase letters a-z, digits and `-`"),
            );
            return None;
        }
        Some(Config {
            base_url,
            theme: raw.theme.into_inner(),
            template_engine: raw.template_engine,
            title: Localized {
                ja: raw.title.ja,
                en: raw.title.en,
            },
            description: Localized {
                ja: raw.description.ja,
                en: raw.description.en,
            },
        })
    }

    /// The path part of the base URL (`/` or `/tanni/`), for pages such as
    /// `404.html` that are served at any depth.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.find("://").map_or(0, |index| index + 3);
        self.base_url[after_scheme..]
            .find('/')
            .map_or("/", |index| &self.base_url[after_scheme + index..])
    }
}

/// Checks the URL the site is published at and gives it its final `/`: an
/// `http` or `https` URL with a host and a path, nothing else. It is written
/// into every page, `sitemap.xml` and `robots.txt`, so a line break, a
/// space, a query or another scheme (`javascript:`) is refused, not escaped.
pub fn parse_base_url(text: &str) -> Result<String, String> {
    if let Some(bad) = text.chars().find(|c| c.is_control() || c.is_whitespace()) {
        return Err(format!(
            "the base URL holds {}, which no URL may hold",
            crate::limits::describe_char(bad)
        ));
    }
    let url = url::Url::parse(text).map_err(|error| {
        format!("`{text}` is not a URL ({error}): write it as https://example.org/path/")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "the base URL must start with https:// or http://, not `{}:`",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the base URL has no host: write it as https://example.org/path/".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("the base URL must not hold a user name or password".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("the base URL must not hold a query (`?`) or a fragment (`#`)".into());
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostics> {
        let mut problems = Diagnostics::default();
        let config = Config::parse(&SourceFile::new("site.toml", text), &mut problems);
        problems.into_result(()).map(|()| config.unwrap())
    }

    #[test]
    fn base_path_is_the_path_of_the_base_url() {
        let config = parse("base_url = \"https://example.org/tanni\"\ntitle = { ja = \"a\", en = \"b\" }\ndescription = { ja = \"a\", en = \"b\" }\n").unwrap();
        assert_eq!(config.base_url, "https://example.org/tanni/");
        assert_eq!(config.base_path(), "/tanni/");
        assert_eq!(config.template_engine, EngineKind::Tera);
    }

    #[test]
    fn the_base_url_is_an_http_url_and_nothing_else() {
        assert_eq!(
            parse_base_url("https://example.org").unwrap(),
            "https://example.org/"
        );
        assert_eq!(
            parse_base_url("http://127.0.0.1:8000/a/b").unwrap(),
            "http://127.0.0.1:8000/a/b/"
        );
        for bad in [
            "javascript:alert(1)",
            "https://example.org/\nSitemap: https://evil.example/",
            "https://example.org/\r\nDisallow: /",
            "https://exa mple.org/",
            "data:text/html,x",
            "//example.org/",
            "https://example.org/?q=1",
            "https://user:pw@example.org/",
            "file:///etc/",
            "",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_bad_base_url_in_site_toml_is_located() {
        let problems = parse("base_url = \"javascript:alert(1)\"\ntitle = { ja = \"a\", en = \"b\" }\ndescription = { ja = \"a\", en = \"b\" }\n").unwrap_err();
        let first = &problems.0[0];
        assert!(first.message.contains("https://"), "{first}");
        let location = first.location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (1, 12));
    }

    #[test]
    fn an_unknown_key_is_an_error_at_the_key() {
        let problems = parse("base_url = \"https://example.org/\"\ntitel = 1\n").unwrap_err();
        let first = &problems.0[0];
        assert!(first.message.contains("unknown field `titel`"), "{first}");
        assert_eq!(first.location.as_ref().unwrap().line, 2);
    }
}
