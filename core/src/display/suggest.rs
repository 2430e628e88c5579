//! What a query shows: the suggestions under the search box, the results
//! page, and the meetings the calculator's picker offers; each result with
//! the part the query matched marked.

use serde::Serialize;

use super::rich::marked;
use super::{name_lang, Context, Rich, Ui};
use crate::catalog::{Lang, Meeting};
use crate::search::{highlight, DocKind, IndexError, Searcher};

/// The search of the page's language: its manifest, and the shards and
/// records fetched so far.
pub struct Index {
    pub searcher: Searcher,
}

impl Index {
    pub fn from_manifest(manifest_json: &str) -> Result<Index, IndexError> {
        Ok(Index {
            searcher: Searcher::from_manifest(manifest_json)?,
        })
    }
}

/// How many suggestions a box shows.
const SUGGESTIONS: usize = 8;
/// How many results the results page lists at first, and how many more
/// each "show more" adds.
pub const PAGE_RESULTS: usize = 50;

/// A text with the part a query matched marked, and its language when
/// that is not the page's.
#[derive(Debug, Serialize)]
pub struct Marked {
    pub runs: Rich,
    pub lang: Option<Lang>,
}

fn mark(text: &str, query: &str, lang: Option<Lang>) -> Marked {
    Marked {
        runs: marked(text, &highlight(text, query)),
        lang,
    }
}

/// A result of the search box or of the results page.
#[derive(Debug, Serialize)]
pub struct SearchResult {
    pub href: String,
    pub title: Marked,
    /// "Rules and notes · Renewal rules"; a meeting's credits and category.
    pub detail: String,
    pub required: bool,
}

#[derive(Debug, Serialize)]
pub struct Suggestions<T> {
    pub options: Vec<T>,
    /// Where the last option leads: every result, on the results page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more: Option<String>,
    /// The one (disabled) option when nothing matches.
    pub none: Option<String>,
    /// When nothing matched as typed: "Did you mean …", over the options
    /// found for the query with its slips corrected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approximate: Option<String>,
    /// For a screen reader: how many, or that none match.
    pub status: String,
}

impl<T> Suggestions<T> {
    /// Nothing matches: the one option says so, and so does the status.
    fn nothing(words: String) -> Self {
        Suggestions {
            options: Vec::new(),
            more: None,
            status: words.clone(),
            none: Some(words),
            approximate: None,
        }
    }
}

fn result(ui: &Ui, index: &Index, doc: usize, query: &str) -> Option<SearchResult> {
    let doc = index.searcher.record(doc)?;
    let meeting = doc.kind == DocKind::Meeting;
    let kind = match doc.kind {
        DocKind::Meeting => String::new(),
        DocKind::Category => format!("{} · ", ui.t("search_kind_category")),
        DocKind::Page => format!("{} · ", ui.t("search_kind_page")),
        DocKind::Section => format!("{} · ", ui.t("search_kind_section")),
    };
    Some(SearchResult {
        href: format!("{}{}", ui.base(), doc.path),
        title: mark(
            &doc.title,
            query,
            name_lang(&doc.title, ui.lang).filter(|_| meeting),
        ),
        detail: kind + &doc.detail,
        required: doc.required,
    })
}

/// "Did you mean …" for a query found only with its slips corrected.
fn did_you_mean(ui: &Ui, corrected: Option<&String>) -> Option<String> {
    corrected.map(|q| ui.fill("search_approximate", &[("q", q)]))
}

/// The search box's suggestions for a query.
pub fn search_suggestions(ui: &Ui, index: &Index, query: &str) -> Suggestions<SearchResult> {
    let found = index.searcher.find(query, SUGGESTIONS + 1);
    let hits = found.hits;
    if hits.is_empty() {
        return Suggestions::nothing(ui.fill("search_no_results", &[("q", &query)]));
    }
    let count = match hits.len() > SUGGESTIONS {
        true => ui.fill("search_count", &[("n", &format!("{SUGGESTIONS}+"))]),
        false => ui.plural("search_count", hits.len() as u32),
    };
    let approximate = did_you_mean(ui, found.did_you_mean.as_ref());
    // What is marked in each result: what was found.
    let matched = found.did_you_mean.as_deref().unwrap_or(query);
    Suggestions {
        options: hits
            .iter()
            .take(SUGGESTIONS)
            .filter_map(|hit| result(ui, index, hit.doc, matched))
            .collect(),
        more: Some(format!(
            "{}search/?q={}",
            ui.base(),
            encode_component(query)
        )),
        none: None,
        status: match &approximate {
            Some(words) => format!("{words} {count}"),
            None => count,
        },
        approximate,
    }
}

/// The results page for a query.
#[derive(Debug, Serialize)]
pub struct ResultsPage {
    /// "Results for “…”": the heading, and the start of the window's title.
    pub heading: String,
    /// How many results there are, all of them.
    pub summary: String,
    /// When nothing matched as typed: "Did you mean …".
    pub approximate: Option<String>,
    /// The results from the first on.
    pub results: Vec<SearchResult>,
    /// The words of the button that shows more, while some are not shown.
    pub more: Option<String>,
}

/// The results page for a query: the `shown` results the page shows
/// already and one page more.
pub fn search_results(ui: &Ui, index: &Index, query: &str, shown: usize) -> ResultsPage {
    let found = index.searcher.find(query, usize::MAX);
    let total = found.hits.len();
    let shown = shown.saturating_add(PAGE_RESULTS).min(total);
    let q: [(&str, &dyn std::fmt::Display); 1] = [("q", &query)];
    ResultsPage {
        heading: ui.fill("search_results_for", &q),
        summary: match total {
            0 => ui.fill("search_no_results", &q),
            n => ui.plural("search_count", u32::try_from(n).unwrap_or(u32::MAX)),
        },
        approximate: did_you_mean(ui, found.did_you_mean.as_ref()),
        results: found.hits[..shown]
            .iter()
            .filter_map(|hit| {
                let matched = found.did_you_mean.as_deref().unwrap_or(query);
                result(ui, index, hit.doc, matched)
            })
            .collect(),
        more: (shown < total).then(|| {
            let next = (total - shown).min(PAGE_RESULTS);
            ui.fill(
                "search_show_more",
                &[("n", &next), ("rest", &(total - shown))],
            )
        }),
    }
}

/// Answers a request of the search box (JSON in, JSON out):
/// `{"op": "suggestions", "query"}` gives `Suggestions` of results,
/// `{"op": "results", "query", "shown"}` the `ResultsPage` with the `shown`
/// results the page has (none when not given) and one page more.
pub fn respond(ui: &Ui, index: &Index, request: &str) -> Result<String, String> {
    let request: serde_json::Value =
        serde_json::from_str(request).map_err(|e| format!("request: {e}"))?;
    let query = request["query"].as_str().unwrap_or_default();
    let reply = match request["op"].as_str() {
        Some("suggestions") => serde_json::to_string(&search_suggestions(ui, index, query)),
        Some("results") => {
            let shown = request["shown"].as_u64().unwrap_or(0);
            let shown = usize::try_from(shown).unwrap_or(usize::MAX);
            serde_json::to_string(&search_results(ui, index, query, shown))
        }
        _ => return Err("no such request".into()),
    };
    Ok(reply.unwrap_or_default())
}

/// A meeting the calculator's picker offers.
#[derive(Debug, Serialize)]
pub struct MeetingOption {
    pub id: String,
    pub name: Marked,
    /// The other name the query matched, when the name itself did not.
    pub alias: Option<Marked>,
    pub detail: String,
    pub required: bool,
}

/// The meetings of the catalog a query finds, best first.
pub fn meeting_suggestions(
    context: &Context,
    index: &Index,
    query: &str,
) -> Suggestions<MeetingOption> {
    let ui = &context.ui;
    // (id, the detail its record shows)
    let mut ids: Vec<(&str, &str)> = Vec::new();
    // Hits whose records are not loaded yet: asked for together.
    let mut pending = Vec::new();
    // As typed only: a slip read as another meeting would add that
    // meeting's credits to the member's record.
    for hit in index.searcher.search_as_typed(query, 200) {
        if ids.len() + pending.len() >= SUGGESTIONS {
            break;
        }
        let Some(doc) = index.searcher.record(hit.doc) else {
            pending.push(hit.doc);
            continue;
        };
        let Some(id) = doc.id.as_deref().filter(|_| doc.kind == DocKind::Meeting) else {
            continue;
        };
        if let Some((id, _)) = context.meetings.get_key_value(id) {
            if !ids.iter().any(|(known, _)| *known == id.as_str()) {
                ids.push((id, &doc.detail));
            }
        }
    }
    if ids.is_empty() {
        return Suggestions::nothing(ui.fill("calc_meeting_none", &[("q", &query)]));
    }
    let options: Vec<MeetingOption> = ids
        .iter()
        .map(|(id, detail)| {
            let meeting = &context.meetings[*id];
            let name = meeting.name.get(ui.lang);
            let matched = !highlight(name, query).is_empty();
            MeetingOption {
                id: id.to_string(),
                name: mark(name, query, name_lang(name, ui.lang)),
                alias: (!matched)
                    .then(|| other_name(meeting, ui.lang, query))
                    .flatten()
                    .map(|other| mark(other, query, name_lang(other, ui.lang))),
                detail: match detail {
                    detail if !detail.is_empty() => detail.to_string(),
                    _ => ui.credits_label(meeting.credits),
                },
                required: meeting.required,
            }
        })
        .collect();
    Suggestions {
        status: ui.fill("calc_meeting_count", &[("n", &options.len())]),
        options,
        more: None,
        none: None,
        approximate: None,
    }
}

/// The first of a meeting's other names (the other language's, the former
/// ones, the aliases) that the query matches.
fn other_name<'a>(meeting: &'a Meeting, lang: Lang, query: &str) -> Option<&'a str> {
    let formers = meeting
        .former_names
        .iter()
        .flat_map(|former| [former.get(lang), former.get(lang.other())]);
    std::iter::once(meeting.name.get(lang.other()))
        .chain(formers)
        .chain(meeting.aliases.iter().map(String::as_str))
        .find(|name| !name.is_empty() && !highlight(name, query).is_empty())
}

/// A name typed in full without picking it from the list: the meeting that
/// has it (as its name in either language, a former name or an alias),
/// when only one has.
pub fn exact_match<'a>(context: &'a Context, typed: &str) -> Option<&'a str> {
    let wanted = crate::case::lowercase(typed.trim());
    if wanted.is_empty() {
        return None;
    }
    let mut found = context.meetings.values().filter(|meeting| {
        let names = [&meeting.name.ja, &meeting.name.en]
            .into_iter()
            .chain(&meeting.aliases)
            .chain(meeting.former_names.iter().flat_map(|f| [&f.ja, &f.en]));
        names
            .into_iter()
            .any(|name| crate::case::lowercase(name.trim()) == wanted)
    });
    match (found.next(), found.next()) {
        (Some(meeting), None) => Some(&meeting.id),
        _ => None,
    }
}

/// A query as a part of a URL, as the browser's `encodeURIComponent` writes it.
pub fn encode_component(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::context;
    use super::*;

    #[test]
    fn a_query_is_encoded_as_the_browser_does() {
        assert_eq!(encode_component("関東 a&b"), "%E9%96%A2%E6%9D%B1%20a%26b");
        assert_eq!(encode_component("A-z_0.!~*'()"), "A-z_0.!~*'()");
    }

    #[test]
    fn a_name_typed_in_full_finds_its_one_meeting() {
        let context = context();
        assert_eq!(
            exact_match(&context, "  jrs annual MEETING "),
            Some("annual")
        );
        assert_eq!(
            exact_match(&context, "日本医学放射線学会総会"),
            Some("annual")
        );
        assert_eq!(exact_match(&context, "Twin Meeting"), None, "two listings");
        assert_eq!(exact_match(&context, " "), None);
    }

    #[test]
    fn a_meeting_offers_the_other_name_the_query_matched() {
        let mut meeting =
            super::super::tests::meeting("m", "核医学会", "Nuclear Medicine", None, false);
        meeting.aliases = vec!["JSNM".into()];
        assert_eq!(
            other_name(&meeting, Lang::Ja, "nuclear"),
            Some("Nuclear Medicine")
        );
        assert_eq!(other_name(&meeting, Lang::En, "jsnm"), Some("JSNM"));
        assert_eq!(other_name(&meeting, Lang::En, "rsna"), None);
    }
}
