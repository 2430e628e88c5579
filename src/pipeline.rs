//! The build: load → render → write. Knows the order of the steps and
//! nothing of how each is done. Rendering and writing overlap: each page
//! goes to the output stage as soon as it is rendered, so memory holds the
//! pages in flight, not the site.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use crate::config::EngineKind;
use crate::diagnostics::Diagnostics;
use crate::model::{Lang, Site};
use crate::output::{self, Output, OutputFile, Refusal};
use crate::render::Page;
use crate::{export, load, offline, render, search, sitemap};

pub use crate::modules::{WASM, WASM_SEARCH};

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
    /// Time spent on each stage: load and check; render and write; flush
    /// to the disk and swap in.
    pub stages: [Duration; 3],
}

/// Where a build says how far it has got. Called from several threads.
pub trait Progress: Sync {
    /// A stage begins; `files` is how many files it makes, if it counts any.
    fn stage(&self, name: &str, files: Option<u64>);
    /// One more file of the stage is made.
    fn advance(&self);
    /// The stage makes `files` more files than it said (the search's, whose
    /// number is known once the index is built).
    fn more(&self, _files: u64) {}
}

/// Progress no one watches.
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: Option<u64>) {}
    fn advance(&self) {}
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
    build_with(root, options, &Quiet)
}

/// Builds the site, saying how far it has got.
pub fn build_with(
    root: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let output_dir = options
        .output_dir
        .clone()
        .unwrap_or_else(|| root.join("public"));
    // Refused before anything is read, let alone moved.
    let output = Output::new(root, &output_dir).map_err(BuildError::Refused)?;
    progress.stage("reading and checking the site", None);
    let site =
        load::load_site_with(root, options.base_url.as_deref()).map_err(BuildError::Invalid)?;
    let loaded = Instant::now();
    let engine = options
        .template_engine
        .unwrap_or(site.config.template_engine);
    let plan = SitePlan::new(&site, engine)?;
    let paths = plan.paths();
    let late = std::sync::atomic::AtomicUsize::new(0);
    let bytes = std::sync::atomic::AtomicUsize::new(0);
    let mut rendered = loaded;
    let written = output
        .write_with(
            &paths,
            || {
                eprintln!(
                    "waiting for another build into {} to finish",
                    output.path().display()
                )
            },
            |sink| {
                progress.stage("rendering and writing", Some(paths.len() as u64));
                plan.make(
                    &|announced| {
                        late.fetch_add(announced.len(), std::sync::atomic::Ordering::Relaxed);
                        progress.more(announced.len() as u64);
                        sink.announce(announced)
                    },
                    &|path, made| {
                        bytes.fetch_add(made.len(), std::sync::atomic::Ordering::Relaxed);
                        sink.put(path, made)?;
                        progress.advance();
                        Ok(())
                    },
                )?;
                rendered = Instant::now();
                progress.stage("flushing to the disk", None);
                Ok(())
            },
        )
        .map_err(|error| match error.downcast::<Refusal>() {
            Ok(refusal) => BuildError::Refused(refusal),
            Err(error) => BuildError::Failed(error),
        })?;
    Ok(BuildReport {
        output_dir,
        files: paths.len() + late.into_inner(),
        changed: written.changed,
        bytes: bytes.into_inner(),
        meetings: site.catalog.meetings.len(),
        stages: [loaded - started, rendered - loaded, rendered.elapsed()],
    })
}

/// How many meetings a page lists for it to be made alone (see
/// `SitePlan::make_files`): the real catalog's table (416) is made beside
/// the other pages; a catalog of tens of thousands makes its large pages
/// one after the other.
const MANY_MEETINGS: usize = 2_000;

/// The files of the built site, before they are made: the pages (rendered
/// when they are made), the search indexes (built then), and the small
/// files made up front.
pub struct SitePlan<'a> {
    site: &'a Site,
    engine: Box<dyn render::template_engine::TemplateEngine>,
    pages: Vec<Page<'a>>,
    made: Vec<OutputFile>,
}

impl<'a> SitePlan<'a> {
    pub fn new(site: &'a Site, engine: EngineKind) -> Result<Self> {
        let engine = render::template_engine::build(engine, &site.theme.templates)?;
        let mut pages = render::pages(site);
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        if WASM.is_empty() || WASM_SEARCH.is_empty() {
            anyhow::bail!(
                "this tanni was built without its WebAssembly module (TANNI_WASM=skip, or a clippy or rust-analyzer build): build it again with `cargo build --release`"
            );
        }
        let mut made = export::downloads(site)?;
        made.push(OutputFile::new("static/tanni.wasm", WASM));
        made.push(OutputFile::new("static/tanni-search.wasm", WASM_SEARCH));
        // The pages are the sitemap's list: one list, not two.
        made.push(sitemap::sitemap(
            site,
            pages.iter().map(|page| page.path.as_str()),
        ));
        made.push(sitemap::robots(site));
        made.extend(
            site.theme
                .static_files
                .iter()
                .map(|(path, bytes)| OutputFile::new(format!("static/{path}"), bytes.clone())),
        );
        let plan = SitePlan {
            site,
            engine,
            pages,
            made,
        };
        output::check_paths(plan.paths())?;
        Ok(plan)
    }

    /// Every path of the site, sorted.
    pub fn paths(&self) -> Vec<&str> {
        let mut paths: Vec<&str> = self
            .pages
            .iter()
            .map(|page| page.path.as_str())
            .chain(self.made.iter().map(|file| file.path.as_str()))
            .collect();
        paths.sort_unstable();
        paths
    }

    /// Makes every file, handing each to `put` as it is made, from several
    /// threads at once; the search's files and the service worker, whose
    /// paths `paths` does not list, are handed to `announce` first. The
    /// worker is made last, from a hash of every other file. Stops at the
    /// first error.
    pub fn make(
        &self,
        announce: &(dyn Fn(&[String]) -> Result<()> + Sync),
        put: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
    ) -> Result<()> {
        let hashes = Mutex::new(Vec::new());
        let hashed = |path: &str, bytes: &[u8]| -> Result<()> {
            let made = offline::Made {
                path: path.to_string(),
                hash: tanni_core::search::shards::fnv1a(bytes),
                len: bytes.len() as u64,
            };
            hashes
                .lock()
                .expect("no thread panics holding it")
                .push(made);
            put(path, bytes)
        };
        self.make_files(announce, &hashed)?;
        let worker =
            offline::service_worker(hashes.into_inner().expect("no thread panics holding it"));
        announce(std::slice::from_ref(&worker.path))?;
        put(&worker.path, &worker.bytes)
    }

    fn make_files(
        &self,
        announce: &(dyn Fn(&[String]) -> Result<()> + Sync),
        put: &(dyn Fn(&str, &[u8]) -> Result<()> + Sync),
    ) -> Result<()> {
        let engine = self.engine.as_ref();
        let make_page = |page: &Page| -> Result<()> {
            let html = page.render(engine)?;
            put(&page.path, html.as_bytes())
        };
        // The pages that list many meetings (the table of every meeting, a
        // large category's page, in both languages) hold their whole list
        // as the template's values while they render: they are made one
        // at a time, so that their memory does not add up.
        let (many, few): (Vec<&Page>, Vec<&Page>) = self
            .pages
            .iter()
            .partition(|page| page.lists >= MANY_MEETINGS);
        // The pages and the search are made side by side: the search waits
        // on the dictionary of the kana readings and builds on one thread,
        // the pages take the others.
        let (pages, search) = rayon::join(
            || {
                let (many, few) = rayon::join(
                    || many.iter().try_for_each(|page| make_page(page)),
                    || few.par_iter().try_for_each(|page| make_page(page)),
                );
                many.and(few)
            },
            || {
                let readings = search::meeting_readings(self.site);
                // The two languages side by side: the search is the longer
                // of the two halves of a build.
                // Each file is written as it is made.
                let search = |lang: Lang| -> Result<()> {
                    let within = |path: &str| format!("{}/{path}", lang.code());
                    search::stream_index(
                        self.site,
                        lang,
                        &readings,
                        |paths| {
                            announce(&paths.iter().map(|path| within(path)).collect::<Vec<_>>())
                        },
                        |path, text| put(&within(&path), text.as_bytes()),
                    )
                };
                let (ja, en) = rayon::join(|| search(Lang::Ja), || search(Lang::En));
                ja.and(en)
            },
        );
        pages?;
        search?;
        self.made
            .iter()
            .try_for_each(|file| put(&file.path, &file.bytes))
    }
}

/// Every file of the built site, in memory, sorted by path.
pub fn render_site(site: &Site, engine: EngineKind) -> Result<Vec<OutputFile>> {
    let plan = SitePlan::new(site, engine)?;
    let files = Mutex::new(Vec::new());
    plan.make(&|_| Ok(()), &|path, bytes| {
        files
            .lock()
            .expect("no thread panics holding it")
            .push(OutputFile::new(path, bytes));
        Ok(())
    })?;
    let mut files = files.into_inner().expect("no thread panics holding it");
    files.sort_by(|a, b| a.path.cmp(&b.path));
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
    let plan = SitePlan::new(&site, site.config.template_engine)?;
    let late = std::sync::atomic::AtomicUsize::new(0);
    // Every file is made, as a build would, and let go.
    plan.make(
        &|announced| {
            late.fetch_add(announced.len(), std::sync::atomic::Ordering::Relaxed);
            Ok(())
        },
        &|_, _| Ok(()),
    )?;
    let files = plan.paths().len() + late.into_inner();
    drop(plan);
    Ok(CheckReport { site, files })
}
