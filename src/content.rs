//! Content pages: Markdown with TOML front matter (`+++` … `+++`), rendered
//! to HTML once while the model is built. Headings get anchors and the text
//! under each heading is kept as a section for the search index.

use std::ops::Range;

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostics, SourceFile};
use crate::limits;
use crate::slug::is_slug;
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
    /// Where the heading stands in the page's file (in the Markdown text,
    /// for `render_markdown`), to point at it.
    #[serde(skip)]
    pub span: Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: toml::Spanned<String>,
    description: toml::Spanned<String>,
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
    for (field, value) in [("title", &front.title), ("description", &front.description)] {
        if limits::is_blank(value.get_ref()) {
            problems
                .push(front_file.diagnostic(value.span(), format!("the page's {field} is blank")));
        }
    }
    let body = rest[front_len..]
        .trim_start_matches(FENCE)
        .trim_start_matches(['\r', '\n']);
    let body_offset = file.text.len() - body.len();
    let (html, mut sections, markdown_problems) = render_markdown(body);
    for section in &mut sections {
        section.span = section.span.start + body_offset..section.span.end + body_offset;
    }
    if !markdown_problems.is_empty() {
        for (span, message) in markdown_problems {
            problems
                .push(file.diagnostic(span.start + body_offset..span.end + body_offset, message));
        }
        return None;
    }
    Some(Page {
        slug: slug.to_string(),
        title: front.title.into_inner(),
        description: front.description.into_inner(),
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

/// A problem of the Markdown, at a byte range of the text rendered.
pub type MarkdownProblem = (Range<usize>, String);

/// Renders Markdown to HTML. Raw HTML in the source is shown as text, headings
/// without an explicit `{#anchor}` are numbered `section-1`, `section-2`, …
/// What could make the page do something other than show text is refused,
/// not passed on: heading attributes other than an id and classes, links
/// that are not http, https, mailto or relative, and images from anywhere but
/// the site.
pub fn render_markdown(markdown: &str) -> (String, Vec<Section>, Vec<MarkdownProblem>) {
    let options = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut problems: Vec<MarkdownProblem> = Vec::new();
    let mut in_heading = false;
    for (event, span) in Parser::new_ext(markdown, options).into_offset_iter() {
        // The file's own characters were checked when it was read; a
        // character reference (`&#x202E;`) becomes one only here.
        if let Some(c) = forbidden_char(&event) {
            if !markdown[span.clone()].contains(c) {
                problems.push((
                    span.clone(),
                    format!(
                        "{}, written as a character reference, is not allowed in an input",
                        limits::describe_char(c)
                    ),
                ));
            }
        }
        let event = match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                for (name, _) in &attrs {
                    problems.push((
                        span.clone(),
                        format!("the heading attribute `{name}` is not allowed: a heading may carry only an {{#id}} and {{.class}}es"),
                    ));
                }
                if let Some(id) = id.as_deref().filter(|id| !is_slug(id)) {
                    problems.push((
                        span.clone(),
                        format!("the heading id `{id}` is not a slug: use lowercase letters a-z, digits and `-`"),
                    ));
                }
                if let Some(class) = classes.iter().find(|class| !is_class_name(class)) {
                    problems.push((
                        span.clone(),
                        format!("the heading class `{class}` may hold only letters a-z, A-Z, digits, `-` and `_`"),
                    ));
                }
                let anchor = id
                    .map(|id| id.to_string())
                    .unwrap_or_else(|| format!("section-{}", sections.len() + 1));
                if sections.iter().any(|section| section.anchor == anchor) {
                    problems.push((
                        span.clone(),
                        format!("the heading id `{anchor}` is used twice on this page"),
                    ));
                }
                sections.push(Section {
                    anchor: anchor.clone(),
                    title: String::new(),
                    level: heading_number(level),
                    text: String::new(),
                    span: span.clone(),
                });
                in_heading = true;
                Event::Start(Tag::Heading {
                    level,
                    id: Some(anchor.into()),
                    classes,
                    attrs: Vec::new(),
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                Event::End(TagEnd::Heading(level))
            }
            Event::Start(Tag::Link { ref dest_url, .. }) => {
                if let Some(problem) = link_problem(dest_url) {
                    problems.push((span.clone(), problem));
                }
                event
            }
            Event::Start(Tag::Image { ref dest_url, .. }) => {
                if scheme(dest_url).is_some() || dest_url.starts_with("//") {
                    problems.push((
                        span.clone(),
                        format!("the image `{dest_url}` is not on the site: an image must be a relative path, since no request may leave the site"),
                    ));
                }
                event
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
    (out, sections, problems)
}

/// A forbidden character in the text an event carries, if any.
fn forbidden_char(event: &Event) -> Option<char> {
    let texts: Vec<&str> = match event {
        Event::Text(text)
        | Event::Code(text)
        | Event::Html(text)
        | Event::InlineHtml(text)
        | Event::InlineMath(text)
        | Event::DisplayMath(text) => vec![text],
        Event::Start(Tag::Link {
            dest_url, title, ..
        })
        | Event::Start(Tag::Image {
            dest_url, title, ..
        }) => vec![dest_url, title],
        _ => Vec::new(),
    };
    texts
        .into_iter()
        .find_map(|text| text.chars().find(|&c| limits::is_forbidden(c)))
}

/// Why a link may not stand on a page, if it may not: only http, https,
/// mailto and relative links do.
fn link_problem(destination: &str) -> Option<String> {
    let scheme = scheme(destination)?;
    (!matches!(scheme.as_str(), "http" | "https" | "mailto")).then(|| {
        format!("the link `{destination}` uses `{scheme}:`; a link may be http, https, mailto or relative")
    })
}

/// The scheme of a URL as a browser reads it (ignoring leading controls and
/// spaces, and tabs and line breaks anywhere), lowercased; `None` for a
/// relative URL.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let mut chars = scheme.chars();
    let is_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then(|| scheme.to_ascii_lowercase())
}

fn is_class_name(class: &str) -> bool {
    !class.is_empty()
        && class
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_anchors_and_sections_collect_their_text() {
        let (html, sections, _) =
            render_markdown("## 目的 {#purpose}\n\n生涯教育を推進する。\n\n## 単位\n\n60単位\n");
        assert!(html.contains("<h2 id=\"purpose\">目的</h2>"), "{html}");
        assert!(html.contains("<h2 id=\"section-2\">単位</h2>"), "{html}");
        assert_eq!(sections[0].title, "目的");
        assert_eq!(sections[0].text, "生涯教育を推進する。");
        assert_eq!(sections[1].anchor, "section-2");
    }

    #[test]
    fn raw_html_in_markdown_is_escaped() {
        let (html, _, _) = render_markdown("hello <script>alert(1)</script>\n");
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn heading_attributes_other_than_id_and_class_are_refused() {
        let (html, _, problems) = render_markdown("## T {#a onclick=alert(1)}\n\n## U {.note}\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].1.contains("`onclick`"), "{problems:?}");
        assert_eq!(problems[0].0.start, 0);
        assert!(!html.contains("onclick"), "{html}");
        assert!(
            html.contains("<h2 id=\"section-2\" class=\"note\">U</h2>"),
            "{html}"
        );
    }

    #[test]
    fn links_are_http_https_mailto_or_relative() {
        for good in [
            "[a](https://example.org/)",
            "[a](http://example.org/)",
            "[a](mailto:x@example.org)",
            "[a](../rules/#credits)",
            "[a](#purpose)",
            "<https://example.org/>",
        ] {
            let (_, _, problems) = render_markdown(good);
            assert!(problems.is_empty(), "{good}: {problems:?}");
        }
        for bad in [
            "[a](javascript:alert(1))",
            "[a](JavaScript:alert(1))",
            "[a](<java\tscript:alert(1)>)",
            "[a](data:text/html,<script>alert(1)</script>)",
            "[a](vbscript:x)",
            "[a]: javascript:alert(1)\n\nsee [a]",
            "![i](https://tracker.example/pixel.png)",
            "![i](//tracker.example/pixel.png)",
            "![i](data:image/png;base64,AAAA)",
        ] {
            let (_, _, problems) = render_markdown(bad);
            assert_eq!(problems.len(), 1, "{bad}: {problems:?}");
        }
    }

    #[test]
    fn a_markdown_problem_is_located_in_the_file() {
        let file = SourceFile::new(
            "content/en/about.md",
            "+++\ntitle = \"About\"\ndescription = \"d\"\n+++\n\nText [x](javascript:alert(1)).\n",
        );
        let mut problems = Diagnostics::default();
        assert!(parse_page(&file, "about", &mut problems).is_none());
        let location = problems.0[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (6, 6), "{problems}");
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
