//! Content pages: Markdown with TOML front matter (`+++` … `+++`), rendered
//! to HTML once while the model is built. Headings get anchors and the text
//! under each heading is kept as a section for the search index.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::toml_input;

/// A content page of one language.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The file stem: `rules` becomes `/ja/rules/`.
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The body as HTML; text in it is escaped, raw HTML of the source too.
    pub html: String,
    pub sections: Vec<Section>,
}

/// A heading of a page, its anchor and the plain text under it.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub anchor: String,
    pub title: String,
    pub level: u8,
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    description: String,
}

const FENCE: &str = "+++";

/// Reads a page; `slug` is its file stem.
pub fn parse_page(file: &SourceFile, slug: &str, problems: &mut Diagnostics) -> Option<Page> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let Some(rest) = text.strip_prefix(FENCE).and_then(|rest| {
        rest.strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
    }) else {
        problems.push(file.diagnostic(
            0..0,
            "a content page must start with `+++` front matter (title, description)",
        ));
        return None;
    };
    let front_start = text.len() - rest.len();
    let Some(front_len) = find_closing_fence(rest) else {
        problems.push(file.diagnostic(
            0..FENCE.len(),
            "the front matter opened here is never closed with `+++`",
        ));
        return None;
    };
    // Parse the front matter in place, blanked around, so spans are the file's.
    let offset = file.text.len() - text.len();
    let mut padded: String = file.text[..offset + front_start]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    padded.push_str(&rest[..front_len]);
    let front_file = SourceFile::new(file.path.clone(), padded);
    let front: FrontMatter = toml_input::deserialize_document(&front_file, problems)?;
    let body = rest[front_len..]
        .trim_start_matches(FENCE)
        .trim_start_matches(['\r', '\n']);
    let (html, sections) = render_markdown(body);
    Some(Page {
        slug: slug.to_string(),
        title: front.title,
        description: front.description,
        html,
        sections,
    })
}

fn find_closing_fence(rest: &str) -> Option<usize> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == FENCE {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Renders Markdown to HTML. Raw HTML in the source is shown as text, headings
/// without an explicit `{#anchor}` are numbered `section-1`, `section-2`, …
pub fn render_markdown(markdown: &str) -> (String, Vec<Section>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, options) {
        let event = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let anchor = id
                    .map(|id| id.to_string())
                    .unwrap_or_else(|| format!("section-{}", sections.len() + 1));
                sections.push(Section {
                    anchor: anchor.clone(),
                    title: String::new(),
                    level: heading_number(level),
                    text: String::new(),
                });
                in_heading = true;
                Event::Start(Tag::Heading {
                    level,
                    id: Some(anchor.into()),
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                Event::End(TagEnd::Heading(level))
            }
            other => other,
        };
        if let (Event::Text(text) | Event::Code(text), Some(section)) =
            (&event, sections.last_mut())
        {
            let target = if in_heading {
                &mut section.title
            } else {
                &mut section.text
            };
            if !target.is_empty() && !in_heading {
                target.push(' ');
            }
            target.push_str(text);
        }
        events.push(event);
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    (out, sections)
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_anchors_and_sections_collect_their_text() {
        let (html, sections) =
            render_markdown("## 目的 {#purpose}\n\n生涯教育を推進する。\n\n## 単位\n\n60単位\n");
        assert!(html.contains("<h2 id=\"purpose\">目的</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"section-2\">単位</h2>"), "{html}");
        assert_eq!(sections[0].title, "目的");
        assert_eq!(sections[0].text, "生涯教育を推進する。");
        assert_eq!(sections[1].anchor, "section-2");
    }

    #[test]
    fn raw_html_in_markdown_is_escaped() {
        let (html, _) = render_markdown("hello <script>alert(1)</script>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn front_matter_errors_point_into_the_file() {
        let file = SourceFile::new(
            "content/ja/about.md",
            "+++\ntitle = \"About\"\ncolour = 1\n+++\nbody\n",
        );
        let mut problems = Diagnostics::default();
        assert!(parse_page(&file, "about", &mut problems).is_none());
        let location = problems.0[0].location.as_ref().unwrap();
        assert_eq!(location.line, 3, "{}", problems);
    }
}
