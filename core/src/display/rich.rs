//! Text as the page shows it: plain runs, and runs in an element of their
//! own (a link, a name in the other language, a matched part marked, a date
//! kept on one line). Filling a string's `{placeholders}` with such text
//! gives such text; the page builds nodes from it and never parses HTML.

use std::fmt::Display;

use serde::Serialize;

use crate::catalog::Lang;

/// Text in runs. In JSON a plain run is a string and a run in an element
/// an object: `["Added: ", {"text": "RSNA", "lang": "en"}, "."]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Rich(pub Vec<Run>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Run {
    Text(String),
    Node(Node),
}

/// A run in an element: `<a>` with an `href`, `<mark>` when `mark`, else
/// `<span>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Node {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<&'static str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub mark: bool,
}

impl Rich {
    pub fn text(text: impl Into<String>) -> Rich {
        let mut rich = Rich::default();
        rich.push_text(&text.into());
        rich
    }

    /// One run in an element; a node with nothing to set is plain text.
    pub fn node(node: Node) -> Rich {
        if node.href.is_none() && node.lang.is_none() && node.class.is_none() && !node.mark {
            return Rich::text(node.text);
        }
        Rich(vec![Run::Node(node)])
    }

    /// A span of a class: `nowrap` for a date, `unknown` for an id.
    pub fn span(text: impl Into<String>, class: &'static str) -> Rich {
        Rich::node(Node {
            text: text.into(),
            class: Some(class),
            ..Node::default()
        })
    }

    pub fn push_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(Run::Text(last)) => last.push_str(text),
            _ => self.0.push(Run::Text(text.to_string())),
        }
    }

    pub fn append(&mut self, other: Rich) {
        for run in other.0 {
            match run {
                Run::Text(text) => self.push_text(&text),
                node => self.0.push(node),
            }
        }
    }

    /// The text alone, as the page's `textContent` will read.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|run| match run {
                Run::Text(text) => text.as_str(),
                Run::Node(node) => node.text.as_str(),
            })
            .collect()
    }

    /// `parts` with `separator` between them.
    pub fn join(parts: impl IntoIterator<Item = Rich>, separator: &str) -> Rich {
        let mut out = Rich::default();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                out.push_text(separator);
            }
            out.append(part);
        }
        out
    }
}

/// Fills `{name}` (a name of ASCII letters, digits and `_`) with the value
/// `value` gives it; a placeholder without a value stays as it is written.
pub fn fill_rich(template: &str, value: impl Fn(&str) -> Option<Rich>) -> Rich {
    let mut out = Rich::default();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let length = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let closed = length > 0 && after[length..].starts_with('}');
        match closed.then(|| value(&after[..length])).flatten() {
            Some(filled) => {
                out.push_text(&rest[..open]);
                out.append(filled);
                rest = &after[length + 1..];
            }
            None => {
                out.push_text(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_text(rest);
    out
}

/// Fills `{name}` with plain values.
pub fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    fill_rich(template, |name| {
        values
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| Rich::text(value.to_string()))
    })
    .plain()
}

/// Fills `{name}` with text in runs.
pub fn fill_runs(template: &str, values: Vec<(&str, Rich)>) -> Rich {
    fill_rich(template, |name| {
        values
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.clone())
    })
}

/// `text` with the character ranges a query matched (`search::highlight`)
/// in marks.
pub fn marked(text: &str, ranges: &[(usize, usize)]) -> Rich {
    let chars: Vec<char> = text.chars().collect();
    let slice = |from: usize, to: usize| {
        chars[from.min(chars.len())..to.min(chars.len())]
            .iter()
            .collect::<String>()
    };
    let mut out = Rich::default();
    let mut at = 0;
    for &(start, end) in ranges {
        out.push_text(&slice(at, start));
        out.append(Rich::node(Node {
            text: slice(start, end),
            mark: true,
            ..Node::default()
        }));
        at = end;
    }
    out.push_text(&slice(at, chars.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_stay() {
        assert_eq!(fill("{n} credits", &[("n", &5)]), "5 credits");
        assert_eq!(
            fill("{a}{b} {c} {} {x-y} {", &[("a", &1), ("b", &2)]),
            "12 {c} {} {x-y} {"
        );
        assert_eq!(fill("{{n}}", &[("n", &5)]), "{5}");
        assert_eq!(
            fill("{n}", &[("n", &"{n}")]),
            "{n}",
            "a value is not filled again"
        );
    }

    #[test]
    fn text_in_runs_fills_into_text_in_runs() {
        let name = Rich::node(Node {
            text: "RSNA".into(),
            lang: Some(Lang::En),
            ..Node::default()
        });
        let filled = fill_runs(
            "{what}（{date}）を追加",
            vec![("what", name), ("date", Rich::span("2022-11-27", "nowrap"))],
        );
        assert_eq!(
            serde_json::to_string(&filled).unwrap(),
            r#"[{"text":"RSNA","lang":"en"},"（",{"text":"2022-11-27","class":"nowrap"},"）を追加"]"#
        );
        assert_eq!(filled.plain(), "RSNA（2022-11-27）を追加");
        assert_eq!(
            Rich::join([Rich::text("a"), Rich::text("b")], ", ").0.len(),
            1
        );
    }

    #[test]
    fn the_matched_part_is_marked_by_characters() {
        let text = marked("日本医学放射線学会関東地方会", &[(9, 14)]);
        assert_eq!(
            serde_json::to_string(&text).unwrap(),
            r#"["日本医学放射線学会",{"text":"関東地方会","mark":true}]"#
        );
    }
}
