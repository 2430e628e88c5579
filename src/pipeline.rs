//! The build: load → render → write. Knows the order of the steps and
//! nothing of how each is done.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use crate::config::EngineKind;
use crate::diagnostics::Diagnostics;
use crate::model::{Lang, Site};
use crate::output::{self, Output, OutputFile, Refusal};
use crate::{export, load, render, search, sitemap};

/// The core compiled to WebAssembly by build.rs: the browser's search and
/// calculator engine.
pub const WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/tanni.wasm"));

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    pub template_engine: Option<EngineKind>,
}

/// What a build produced, for the report.
#[derive(Debug)]
pub struct BuildReport {
    pub output_dir: PathBuf,
    pub files: usize,
    /// How many files were written, the others being unchanged (the
    /// marker counts among them).
    pub changed: usize,
    pub bytes: usize,
    pub meetings: usize,
    /// Time spent on each stage: load and check, render, write.
    pub stages: [Duration; 3],
}

impl BuildReport {
    pub fn elapsed(&self) -> Duration {
        self.stages.iter().sum()
    }
}

/// Why a build stopped.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("{0}")]
    Invalid(Diagnostics),
    /// The output folder is not one tanni may write to.
    #[error("{0}")]
    Refused(Refusal),
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// Builds the site under `root` into the output directory.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let output_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join("public"));
    // Refused before anything is read, let alone moved.
    let output = Output::new(root, &output_dir).map_err(BuildError::Refused)?;
    let site =
        load::load_site_with(root, options.base_url.as_deref()).map_err(BuildError::Invalid)?;
    let loaded = Instant::now();
    let engine = options
        .template_engine
        .unwrap_or(site.config.template_engine);
    let files = render_site(&site, engine)?;
    let rendered = Instant::now();
    let written = output
        .write(&files, || {
            eprintln!(
                "waiting for another build into {} to finish",
                output.path().display()
            )
        })
        .map_err(|error| match error.downcast::<Refusal>() {
            Ok(refusal) => BuildError::Refused(refusal),
            Err(error) => BuildError::Failed(error),
        })?;
    Ok(BuildReport {
        output_dir,
        files: files.len(),
        changed: written.changed,
        bytes: files.iter().map(|file| file.bytes.len()).sum(),
        meetings: site.catalog.meetings.len(),
        stages: [loaded - started, rendered - loaded, rendered.elapsed()],
    })
}

/// Every file of the built site, in memory, sorted by path.
pub fn render_site(site: &Site, engine: EngineKind) -> Result<Vec<OutputFile>> {
    let engine = render::template_engine::build(engine, &site.theme.templates)?;
    // The pages and the search indexes are made side by side: the indexes
    // wait on the dictionary of the kana readings, the pages on nothing.
    let (pages, indexes) = rayon::join(
        || render::render_pages(site, engine.as_ref()),
        || {
            let readings = search::meeting_readings(site);
            let indexes: Vec<_> = Lang::ALL
                .into_par_iter()
                .map(|lang| (lang, search::build_index(site, lang, &readings)))
                .collect();
            indexes
        },
    );
    let mut files = pages?;
    // The pages just rendered are the sitemap's list: one list, not two.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let sitemap = sitemap::sitemap(site, &files);
    files.extend(export::downloads(site)?);
    for (lang, index) in indexes {
        files.push(OutputFile::new(
            format!("{}/search-index.json", lang.code()),
            index.index_json,
        ));
        files.push(OutputFile::new(
            format!("{}/search-docs.json", lang.code()),
            index.docs_json,
        ));
    }
    if WASM.is_empty() {
        anyhow::bail!(
            "this tanni was built without its WebAssembly module (TANNI_WASM=skip, or a clippy or rust-analyzer build): build it again with `cargo build --release`"
        );
    }
    files.push(OutputFile::new("static/tanni.wasm", WASM));
    files.push(sitemap);
    files.push(sitemap::robots(site));
    files.extend(
        site.theme
            .static_files
            .iter()
            .map(|(path, bytes)| OutputFile::new(format!("static/{path}"), bytes.clone())),
    );
    files.sort_by(|a, b| a.path.cmp(&b.path));
    output::check_paths(&files)?;
    Ok(files)
}

/// What a check found in a site that passed it.
#[derive(Debug)]
pub struct CheckReport {
    pub site: Site,
    /// The files a build would write.
    pub files: usize,
}

/// Checks a site as a build would, without writing anything: reads and
/// checks every input, then renders every file in memory with the site's
/// template engine, so that a site the check passes also builds.
pub fn check(root: &Path) -> Result<CheckReport, BuildError> {
    let site = load::load_site(root).map_err(BuildError::Invalid)?;
    let files = render_site(&site, site.config.template_engine)?;
    Ok(CheckReport {
        site,
        files: files.len(),
    })
}
