//! `sitemap.xml` with the language alternates of every page, and `robots.txt`.

use std::fmt::Write as _;

use crate::model::{Lang, Site};
use crate::output::OutputFile;
use crate::render::template_engine::escape_html;

/// `sitemap.xml` of the pages the renderer writes (their paths, sorted):
/// every page of the language folders, each with its alternates and, as
/// its `lastmod`, the day the site's inputs last changed.
pub fn sitemap<'a>(site: &Site, pages: impl IntoIterator<Item = &'a str>) -> OutputFile {
    let base = &site.config.base_url;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    // A page is in both languages: list the paths of the first one.
    let prefix = format!("{}/", Lang::ALL[0].code());
    let paths = pages.into_iter().filter_map(|page| {
        page.strip_prefix(&prefix)?
            .strip_suffix("index.html")
            .filter(|path| path.is_empty() || path.ends_with('/'))
    });
    for path in paths {
        for lang in Lang::ALL {
            let _ = writeln!(
                xml,
                "  <url>\n    <loc>{}</loc>\n    <lastmod>{}</lastmod>",
                escape_html(&format!("{base}{}/{path}", lang.code())),
                site.updated
            );
            for alternate in Lang::ALL {
                let _ = writeln!(
                    xml,
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                    alternate.code(),
                    escape_html(&format!("{base}{}/{path}", alternate.code()))
                );
            }
            xml.push_str("  </url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", xml)
}

pub fn robots(site: &Site) -> OutputFile {
    OutputFile::new(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}sitemap.xml\n",
            site.config.base_url
        ),
    )
}
