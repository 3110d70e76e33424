//! Writing a file so that readers see the old content or the new, never half of it.

use crate::error::{ReportError, Result};
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Distinguishes temp files of concurrent writers in one process (the pid tells processes apart).
static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

/// Writes `contents` to a temp file in `path`'s directory, syncs it and renames it over `path` (atomic on one
/// file system). On any error the temp file is removed and `path` is left as it was.
pub(crate) fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let err = |source| ReportError::Write {
        path: path.to_owned(),
        source,
    };
    let name = path.file_name().ok_or_else(|| {
        err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "no file name",
        ))
    })?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
    // Hidden and suffixed so that globs for the real files (`*.json`, `*.html`) never pick it up.
    let tmp = dir.join(format!(
        ".{}.{}.{n}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    // create_new: never truncate a file we did not create (and so never remove one below).
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(err)?;
    let written = file
        .write_all(contents)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&tmp, path)
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(err(e));
    }
    // Make the rename itself durable. Best effort: not every platform can open a directory for syncing.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn replaces_content_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(entries(dir.path()), ["out.json"]);
    }

    #[test]
    fn failed_rename_removes_temp() {
        let dir = tempfile::tempdir().unwrap();
        // A directory at the target: the temp file is written, then the rename fails.
        let target = dir.path().join("taken");
        fs::create_dir(&target).unwrap();
        let e = write_atomic(&target, b"data").unwrap_err();
        assert!(e.is_io());
        assert!(e.to_string().contains("taken"), "{e}");
        assert_eq!(entries(dir.path()), ["taken"]);
        assert!(entries(&target).is_empty());
    }

    #[test]
    fn missing_directory_is_a_clean_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/out.json");
        let e = write_atomic(&path, b"data").unwrap_err();
        assert!(e.to_string().starts_with("cannot write "), "{e}");
        assert!(entries(dir.path()).is_empty());
    }
}
