//! The site configuration, `site.toml`: one typed record, defaults in one
//! place, unknown keys an error.

use serde::Deserialize;

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::model::Localized;
use crate::toml_input;

pub const FILE_NAME: &str = "site.toml";

/// The template engine that renders the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
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
    base_url: String,
    #[serde(default = "default_theme")]
    theme: String,
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

fn default_theme() -> String {
    "default".to_string()
}

fn default_engine() -> EngineKind {
    EngineKind::Tera
}

impl Config {
    pub fn parse(file: &SourceFile, problems: &mut Diagnostics) -> Option<Config> {
        let raw: RawConfig = toml_input::deserialize_document(file, problems)?;
        let mut base_url = raw.base_url;
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        Some(Config {
            base_url,
            theme: raw.theme,
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
    fn an_unknown_key_is_an_error_at_the_key() {
        let problems = parse("base_url = \"https://example.org/\"\ntitel = 1\n").unwrap_err();
        let first = &problems.0[0];
        assert!(first.message.contains("unknown field `titel`"), "{first}");
        assert_eq!(first.location.as_ref().unwrap().line, 2);
    }
}
