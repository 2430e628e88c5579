//! The template-engine seam: one trait, two implementations (Tera and
//! MiniJinja), nothing else in the generator knowing which one runs. Both
//! escape with the same function so that their output is byte-identical.

use std::fmt::Write as _;

use anyhow::{anyhow, Context as _, Result};
use serde_json::Value;

use crate::config::EngineKind;

/// Renders named templates with a JSON context.
pub trait TemplateEngine: Send + Sync {
    /// Renders a template; the context is consumed, as both engines convert
    /// it into their own values.
    fn render(&self, template: &str, context: Value) -> Result<String>;
}

/// Builds the engine of the given kind from the theme's templates
/// (`name`, `source`), names as `meeting.html`.
pub fn build(kind: EngineKind, templates: &[(String, String)]) -> Result<Box<dyn TemplateEngine>> {
    Ok(match kind {
        EngineKind::Tera => Box::new(TeraEngine::new(templates)?),
        EngineKind::Minijinja => Box::new(MiniJinjaEngine::new(templates)?),
    })
}

/// HTML escaping shared by both engines: the five characters that matter in
/// text and in quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

struct TeraEngine(tera::Tera);

impl TeraEngine {
    fn new(templates: &[(String, String)]) -> Result<Self> {
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(
            templates
                .iter()
                .map(|(name, source)| (name.as_str(), source.as_str())),
        )
        .map_err(|error| anyhow!(describe_tera(&error)))?;
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        Ok(Self(tera))
    }
}

impl TemplateEngine for TeraEngine {
    fn render(&self, template: &str, context: Value) -> Result<String> {
        let context =
            tera::Context::from_value(context).context("the page context is not an object")?;
        self.0
            .render(template, &context)
            .map_err(|error| anyhow!("{template}: {}", describe_tera(&error)))
    }
}

/// Tera hides the useful part of an error in its source chain.
fn describe_tera(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let _ = write!(message, ": {cause}");
        source = cause.source();
    }
    message
}

struct MiniJinjaEngine(minijinja::Environment<'static>);

impl MiniJinjaEngine {
    fn new(templates: &[(String, String)]) -> Result<Self> {
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_keep_trailing_newline(true);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".xml") {
                minijinja::AutoEscape::Html
            } else {
                minijinja::AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            let text = value.to_string();
            if value.is_safe() || state.auto_escape() == minijinja::AutoEscape::None {
                out.write_str(&text)
            } else {
                out.write_str(&escape_html(&text))
            }
            .map_err(|error| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, error.to_string())
            })
        });
        for (name, source) in templates {
            env.add_template_owned(name.clone(), source.clone())
                .with_context(|| format!("template {name}"))?;
        }
        Ok(Self(env))
    }
}

impl TemplateEngine for MiniJinjaEngine {
    fn render(&self, template: &str, context: Value) -> Result<String> {
        let template = self.0.get_template(template)?;
        let context = minijinja::Value::from_serialize(&context);
        template.render(context).map_err(|error| {
            let mut message = format!("{error:#}");
            if let Some(detail) = error.display_debug_info().to_string().lines().next() {
                message.push_str(detail);
            }
            anyhow!(message)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render_with_both(source: &str, context: Value) -> [String; 2] {
        let templates = vec![("t.html".to_string(), source.to_string())];
        [EngineKind::Tera, EngineKind::Minijinja].map(|kind| {
            build(kind, &templates)
                .unwrap()
                .render("t.html", context.clone())
                .unwrap()
        })
    }

    #[test]
    fn both_engines_escape_markup_the_same_way() {
        let [tera, minijinja] = render_with_both(
            "<p title=\"{{ x }}\">{{ x }}</p>\n",
            json!({"x": "<script>alert('a & b')</script>/"}),
        );
        assert_eq!(tera, "<p title=\"&lt;script&gt;alert(&#39;a &amp; b&#39;)&lt;/script&gt;/\">&lt;script&gt;alert(&#39;a &amp; b&#39;)&lt;/script&gt;/</p>\n");
        assert_eq!(tera, minijinja);
    }

    #[test]
    fn a_missing_variable_fails_in_both_engines() {
        let templates = vec![("t.html".to_string(), "{{ t.nothing_here }}".to_string())];
        for kind in [EngineKind::Tera, EngineKind::Minijinja] {
            let engine = build(kind, &templates).unwrap();
            assert!(
                engine.render("t.html", json!({"t": {}})).is_err(),
                "{kind:?}"
            );
        }
    }
}
