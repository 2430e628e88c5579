//! `sitemap.xml` with the language alternates of every page, and `robots.txt`.

use std::fmt::Write as _;

use crate::model::{Lang, Site};
use crate::output::OutputFile;
use crate::render::engine::escape_html;

/// Every page path under a language folder, `""` for the home page.
pub fn page_paths(site: &Site) -> Vec<String> {
    let mut paths = vec![String::new()];
    paths.extend(
        site.pages_in(Lang::Ja)
            .map(|page| format!("{}/", page.slug)),
    );
    paths.push("categories/".into());
    paths.extend(
        site.catalog
            .categories
            .iter()
            .map(|c| format!("categories/{}/", c.id)),
    );
    paths.extend(
        site.catalog
            .meetings
            .iter()
            .map(|m| format!("meetings/{}/", m.id)),
    );
    paths.push("data-quality/".into());
    paths.push("search/".into());
    paths.push("calculator/".into());
    paths
}

pub fn sitemap(site: &Site, extra_paths: &[String]) -> OutputFile {
    let base = &site.config.base_url;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    let mut paths = page_paths(site);
    paths.extend(extra_paths.iter().cloned());
    for path in &paths {
        for lang in Lang::ALL {
            let _ = writeln!(
                xml,
                "  <url>\n    <loc>{}</loc>",
                escape_html(&format!("{base}{}/{path}", lang.code()))
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
