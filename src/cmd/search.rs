//! `tanni search`: the site's search, natively, with the same engine and
//! the same files the browser has: the built site's (`public/<lang>/search/`)
//! when there is one, each file read as a query needs it; otherwise the
//! index is built from the sources in memory.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;
use tanni::load::load_site;
use tanni::model::Lang;
use tanni::search::{build_index, meeting_readings, resolve, PageFound};
use tanni_core::search::read;
use tanni_core::search::shards::{Manifest, MANIFEST};
use tanni_core::search::{IndexError, Searcher};

use super::RootArg;

#[derive(clap::Args)]
pub struct Args {
    /// What to look for: a name, part of one, an abbreviation, a former name
    query: String,
    /// The language of the index to search
    #[arg(long, value_enum, default_value = "ja")]
    lang: LangArg,
    /// Print the results as JSON: [{"id", "title", "url", "score"}], each
    /// with "approximate": true when found only with a slip corrected
    #[arg(long)]
    json: bool,
    /// How many results to show at most
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// The built site to search (default: the site's `public/`); where it
    /// holds no search, the sources are searched instead
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Search the sources, even where a built site is there
    #[arg(long)]
    sources: bool,
    #[command(flatten)]
    root: RootArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Ja,
    En,
}

#[derive(Serialize)]
struct Result<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    score: f64,
    /// Found only with the query's slips corrected ("Did you mean").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    approximate: bool,
}

pub fn run(args: Args) -> ExitCode {
    let lang = match args.lang {
        LangArg::Ja => Lang::Ja,
        LangArg::En => Lang::En,
    };
    let root = &args.root.root;
    let built = args
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join("public"))
        .join(lang.code());
    let found = match (args.sources, built_search(root, &built)) {
        (false, Ok(())) => search_built(&built, &args.query, args.limit),
        (sources, why) => {
            if let (false, Err(why)) = (sources, why) {
                eprintln!("{why}: searching the sources");
            }
            search_sources(root, lang, &args.query, args.limit)
        }
    };
    let PageFound { hits, did_you_mean } = match found {
        Ok(found) => found,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let base = load_config_base(root).unwrap_or_else(|| "/".to_string());
    let results: Vec<Result> = hits
        .iter()
        .map(|hit| Result {
            id: hit.record.id.as_deref().unwrap_or(&hit.reference),
            title: &hit.record.title,
            url: format!("{base}{}/{}", lang.code(), hit.reference),
            score: hit.score,
            approximate: hit.approximate,
        })
        .collect();
    let mut text = String::new();
    if args.json {
        text = serde_json::to_string_pretty(&results).expect("results serialize");
        text.push('\n');
    } else if results.is_empty() {
        text = format!("no results for {}\n", quoted(&args.query));
    } else {
        if let Some(reading) = &did_you_mean {
            text = format!(
                "no results for {}; did you mean {}?\n",
                quoted(&args.query),
                quoted(reading)
            );
        }
        for (rank, result) in results.iter().enumerate() {
            text.push_str(&format!(
                "{:>3}. {}  {}  ({:.3})\n",
                rank + 1,
                result.title,
                result.url,
                result.score
            ));
        }
    }
    super::print_out(&text)
}

/// A text in quotes as typed, only its control characters escaped (so that
/// it cannot move the terminal's cursor).
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

type Found = PageFound;

/// Whether the built search in `dir` may be searched: it is there, and no
/// source is newer than it (a site edited since it was built is searched
/// from its sources, as it is now).
fn built_search(root: &Path, dir: &Path) -> std::result::Result<(), String> {
    let manifest = dir.join(MANIFEST);
    let built = std::fs::metadata(&manifest)
        .and_then(|meta| meta.modified())
        .map_err(|_| format!("{} holds no built search", dir.display()))?;
    let engine = std::fs::read_to_string(&manifest)
        .ok()
        .and_then(|text| read::from_json::<Manifest>(&text).ok())
        .map(|manifest| manifest.engine);
    if engine.as_deref() != Some(tanni::modules::engine().as_str()) {
        return Err(format!("{} was built by another tanni", dir.display()));
    }
    let sources = ["site.toml", "catalog", "content", "themes"];
    for entry in sources
        .iter()
        .flat_map(|source| walkdir::WalkDir::new(root.join(source)).into_iter())
        .filter_map(std::result::Result::ok)
    {
        let modified = entry.metadata().ok().and_then(|meta| meta.modified().ok());
        if modified.is_some_and(|modified| modified > built) {
            return Err(format!(
                "{} changed after {} was built",
                entry.path().display(),
                dir.display()
            ));
        }
    }
    Ok(())
}

/// The search of a built site: the manifest, then the files each round of
/// the query asks for.
fn search_built(dir: &Path, query: &str, limit: usize) -> std::result::Result<Found, String> {
    let read = |path: &str| {
        std::fs::read_to_string(dir.join(path)).map_err(|error| {
            IndexError(format!(
                "cannot read {}: {error} (build the site again)",
                dir.join(path).display()
            ))
        })
    };
    let failed = |error: IndexError| format!("{}: {error}", dir.display());
    let mut searcher = Searcher::from_manifest(&read(MANIFEST).map_err(failed)?).map_err(failed)?;
    searcher
        .complete(read, |searcher| {
            resolve(searcher, searcher.find(query, limit))
        })
        .map_err(failed)
}

/// The search of the sources, built in memory.
fn search_sources(
    root: &Path,
    lang: Lang,
    query: &str,
    limit: usize,
) -> std::result::Result<Found, String> {
    let site = load_site(root).map_err(|problems| problems.to_string())?;
    let index = build_index(&site, lang, &meeting_readings(&site));
    Ok(index.searcher().find(query, limit))
}

/// Where the site is served from (`base_url`'s path), from `site.toml`.
fn load_config_base(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("site.toml")).ok()?;
    let file = tanni::diagnostics::SourceFile::new("site.toml", text);
    let mut problems = tanni::diagnostics::Diagnostics::default();
    tanni::config::Config::parse(&file, &mut problems).map(|config| config.base_path().to_string())
}
