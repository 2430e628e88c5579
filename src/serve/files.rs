//! Which file a request names: inside the served folder only, never through
//! a link, and of what type.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The file a request names under `dir`, `index.html` for a folder; `None`
/// for anything that would leave the folder.
pub fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = dir.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            segment if segment.contains('\\') || segment.contains('\0') => return None,
            segment => {
                file.push(segment);
                // Links are not followed: what is served stays in the folder.
                if std::fs::symlink_metadata(&file)
                    .ok()?
                    .file_type()
                    .is_symlink()
                {
                    return None;
                }
            }
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let meta = std::fs::symlink_metadata(&file).ok()?;
    meta.is_file().then_some(file)
}

/// A file's bytes, unless a link has taken its place since it was found.
pub(super) fn read_no_follow(file: &Path) -> Option<Vec<u8>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32);
    }
    let mut body = Vec::new();
    options.open(file).ok()?.read_to_end(&mut body).ok()?;
    Some(body)
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = path.get(index + 1..index + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub(super) fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|extension| extension.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("xml") => "application/xml",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_resolve_inside_the_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("ja/meetings/rsna")).unwrap();
        std::fs::write(dir.path().join("ja/meetings/rsna/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("index.html"), "root").unwrap();
        let found = |target| {
            resolve(dir.path(), target).map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf())
        };
        assert_eq!(
            found("/ja/meetings/rsna/"),
            Some(PathBuf::from("ja/meetings/rsna/index.html"))
        );
        assert_eq!(
            found("/ja/meetings/rsna/?q=1#x"),
            Some(PathBuf::from("ja/meetings/rsna/index.html"))
        );
        assert_eq!(found("/"), Some(PathBuf::from("index.html")));
        assert_eq!(found("/ja/missing/"), None);
        assert_eq!(found("/../etc/passwd"), None);
        assert_eq!(found("/ja/%2E%2E/%2E%2E/etc/passwd"), None);
        assert_eq!(found("/bad%zz"), None);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("a.txt"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("folder")).unwrap();
        assert_eq!(resolve(dir.path(), "/a.txt"), None);
        assert_eq!(resolve(dir.path(), "/folder/secret.txt"), None);
    }
}
