//! The server's log file, which collects everything initdb and the server print, and the one
//! line of it worth quoting in an error.

use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::{io_error, Result};

const LOG_ROTATE_BYTES: u64 = 10 * 1024 * 1024;

pub(super) fn open_log(path: &Path) -> Result<fs::File> {
    if fs::metadata(path).is_ok_and(|m| m.len() > LOG_ROTATE_BYTES) {
        let _ = fs::rename(path, path.with_extension("log.1"));
    }
    fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(io_error(path))
}

pub(super) fn append_to_log(path: &Path, stdout: &[u8], stderr: &[u8]) -> Result<()> {
    let mut log = open_log(path)?;
    log.write_all(stdout)
        .and_then(|()| log.write_all(stderr))
        .map_err(io_error(path))
}

/// The most telling line of some output: the last error if there is one, else the last line.
pub(super) fn last_line(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let line = lines
        .iter()
        .rev()
        .find(|l| ["FATAL", "PANIC", "ERROR", "error"].iter().any(|w| l.contains(w)))
        .or_else(|| lines.last())
        .copied()
        .unwrap_or("no output");
    line.chars().take(300).collect()
}

pub(super) fn log_tail(path: &Path) -> String {
    const TAIL: u64 = 4096;
    let mut text = Vec::new();
    if let Ok(mut file) = fs::File::open(path) {
        let start = file.metadata().map_or(0, |m| m.len().saturating_sub(TAIL));
        let _ = file
            .seek(SeekFrom::Start(start))
            .and_then(|_| file.read_to_end(&mut text));
    }
    last_line(&String::from_utf8_lossy(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telling_line() {
        let out = "LOG:  starting\nFATAL:  lock file \"postmaster.pid\" already exists\nHINT:  Is another postmaster running?\n";
        assert!(last_line(out).starts_with("FATAL"));
        assert_eq!(last_line(""), "no output");
    }
}
