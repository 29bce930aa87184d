//! The session: the whole state as a workspace, the Recent lists and the open workspace's path,
//! kept in a file of our own (`session.ron` in eframe's storage folder) so that it is written
//! within a second of every change — also while the window sits idle — and on close, each
//! time atomically. A crash or a kill costs at most that second.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::ActorscopeApp;

/// How long after a change the session is written, in seconds: soon enough that a crash loses
/// nothing a person would retype, late enough that typing is not a write per keystroke.
pub const SESSION_DELAY_SECONDS: f64 = 0.75;

/// A key–value file that eframe's [`eframe::Storage`] calls can use; written atomically on
/// [`eframe::Storage::flush`].
#[derive(Debug, Default)]
pub struct SessionFile {
    path: PathBuf,
    values: BTreeMap<String, String>,
}

impl SessionFile {
    /// Where the session is kept: `session.ron` in eframe's storage folder for the app.
    pub fn default_path() -> Option<PathBuf> {
        eframe::storage_dir("Actorscope").map(|dir| dir.join("session.ron"))
    }

    /// Reads the session at `path`. A damaged one is set aside (renamed `.damaged`, never
    /// deleted) and the session starts empty.
    pub fn open(path: &Path) -> Self {
        let values = match std::fs::read_to_string(path) {
            Ok(text) => match ron::from_str::<BTreeMap<String, String>>(&text) {
                Ok(values) => values,
                Err(_) => {
                    let _ = std::fs::rename(path, path.with_extension("ron.damaged"));
                    BTreeMap::new()
                }
            },
            Err(_) => BTreeMap::new(),
        };
        Self {
            path: path.to_path_buf(),
            values,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the file atomically; on failure the previous session file is whole.
    pub fn write(&self) -> std::io::Result<()> {
        if let Some(folder) = self.path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let text = ron::to_string(&self.values).map_err(std::io::Error::other)?;
        crate::io::atomic::write(&self.path, text.as_bytes())
    }
}

impl eframe::Storage for SessionFile {
    fn get_string(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.values.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.values.remove(key);
    }

    /// eframe's interface has no room for an error; the app calls [`SessionFile::write`].
    fn flush(&mut self) {
        let _ = self.write();
    }
}

impl ActorscopeApp {
    /// Keeps the session in `path` from now on, restoring the last one from it first when
    /// `restore` (else only its Recent lists).
    pub fn use_session_file(&mut self, path: &Path, restore: bool) {
        let file = SessionFile::open(path);
        self.restore_session(&file, restore);
        self.session_file = Some(file);
        self.session_written = self.change_count;
    }

    /// Writes the session if something changed at least [`SESSION_DELAY_SECONDS`] ago; asks
    /// for a frame then if it is not yet time, so that an idle window still writes it.
    pub(super) fn autosave_session(&mut self, ctx: &egui::Context) {
        if self.session_file.is_none() || self.session_written == self.change_count {
            self.unsaved_since = None;
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = *self.unsaved_since.get_or_insert(now);
        let due = since + SESSION_DELAY_SECONDS;
        if now >= due {
            self.write_session();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
        }
    }

    /// Writes the session now (on close, and when it is due).
    pub fn write_session(&mut self) {
        if let Some(mut file) = self.session_file.take() {
            self.save_session(&mut file);
            match file.write() {
                Ok(()) => self.session_error = None,
                Err(err) => {
                    // Said once per failure, not every second it goes on failing.
                    let message = format!(
                        "The session could not be kept in {}: {err} (save the workspace to keep your work)",
                        file.path().display()
                    );
                    if self.session_error.as_ref() != Some(&message) {
                        self.status = Some((message.clone(), true));
                        self.session_error = Some(message);
                    }
                }
            }
            self.session_file = Some(file);
        }
        self.session_written = self.change_count;
        self.unsaved_since = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::Storage as _;

    #[test]
    fn a_session_that_cannot_be_written_says_so_once() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        // A file where the session's folder should be: nothing can be written under it.
        let blocker = dir.path().join("blocked");
        std::fs::write(&blocker, "").unwrap_or_else(|e| panic!("{e}"));
        let mut app = ActorscopeApp::new(&crate::io::DatasetSource::Embedded);
        app.use_session_file(&blocker.join("session.ron"), false);
        app.write_session();
        let (message, is_error) = app.status().unwrap_or(("", false));
        assert!(
            is_error && message.contains("could not be kept"),
            "{message}"
        );
        app.status = None;
        app.write_session();
        assert_eq!(app.status(), None, "said once, not every second");
    }

    #[test]
    fn values_survive_a_write_and_a_damaged_file_is_set_aside() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("session.ron");
        let mut file = SessionFile::open(&path);
        file.set_string("k", "v \"quoted\"".to_owned());
        file.flush();
        assert_eq!(
            SessionFile::open(&path).get_string("k").as_deref(),
            Some("v \"quoted\"")
        );
        std::fs::write(&path, "not ron (").unwrap_or_else(|e| panic!("{e}"));
        let file = SessionFile::open(&path);
        assert_eq!(file.get_string("k"), None);
        assert!(
            path.with_extension("ron.damaged").is_file(),
            "kept, not deleted"
        );
    }
}
