//! The one table of keyboard shortcuts: which keys ask for which [`Command`], and the help text
//! for each. The input handler, the menus (their shortcut hints) and Help → Keyboard shortcuts
//! all read [`SHORTCUTS`], so a shortcut cannot work without being listed, or be listed
//! without working.

use std::sync::LazyLock;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::views::{Command, Selection, Step, ZoomStep};

/// How a shortcut is pressed.
#[derive(Clone, Debug, PartialEq)]
pub enum Keys {
    /// A key with modifiers (Ctrl+S): works even while a text field has the keyboard.
    Chord(KeyboardShortcut),
    /// Any of these keys alone: ignored while a text field has the keyboard.
    Plain(&'static [Key]),
    /// A mouse gesture, listed in the help only (the views handle it).
    Gesture,
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Shortcut {
    pub keys: Keys,
    /// How the keys are written in menus and the help: "Ctrl+S", "← / →".
    pub text: &'static str,
    pub help: &'static str,
    /// What it asks for (`None` for gestures).
    pub command: Option<Command>,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

fn chord(
    modifiers: Modifiers,
    key: Key,
    text: &'static str,
    help: &'static str,
    command: Command,
) -> Shortcut {
    Shortcut {
        keys: Keys::Chord(KeyboardShortcut::new(modifiers, key)),
        text,
        help,
        command: Some(command),
    }
}

fn plain(
    keys: &'static [Key],
    text: &'static str,
    help: &'static str,
    command: Command,
) -> Shortcut {
    Shortcut {
        keys: Keys::Plain(keys),
        text,
        help,
        command: Some(command),
    }
}

fn gesture(text: &'static str, help: &'static str) -> Shortcut {
    Shortcut {
        keys: Keys::Gesture,
        text,
        help,
        command: None,
    }
}

/// Every shortcut, in the order the help lists them. Chords with more modifiers come before
/// the same key with fewer (Ctrl+Shift+S before Ctrl+S), since egui matches modifiers loosely.
pub static SHORTCUTS: LazyLock<Vec<Shortcut>> = LazyLock::new(|| {
    vec![
        plain(
            &[Key::ArrowLeft],
            "←",
            "previous event in time (selects it)",
            Command::Step(Step::Previous),
        ),
        plain(
            &[Key::ArrowRight],
            "→",
            "next event in time (selects it)",
            Command::Step(Step::Next),
        ),
        plain(
            &[Key::Home],
            "Home",
            "first event",
            Command::Step(Step::First),
        ),
        plain(&[Key::End], "End", "last event", Command::Step(Step::Last)),
        plain(
            &[Key::Escape],
            "Esc",
            "clear the selection",
            Command::Select(Selection::None),
        ),
        plain(
            &[Key::F],
            "F",
            "fit the timeline to all events",
            Command::FitTimeline,
        ),
        plain(
            &[Key::Plus, Key::Equals],
            "+",
            "zoom the timeline in",
            Command::ZoomTimeline(ZoomStep::In),
        ),
        plain(
            &[Key::Minus],
            "−",
            "zoom the timeline out",
            Command::ZoomTimeline(ZoomStep::Out),
        ),
        gesture("Shift + drag", "on the timeline: brush a time window"),
        gesture("Scroll / Ctrl + scroll", "pan / zoom the timeline or graph"),
        chord(
            CTRL_SHIFT,
            Key::S,
            "Ctrl+Shift+S",
            "save the workspace as…",
            Command::SaveWorkspaceAs,
        ),
        chord(
            CTRL,
            Key::S,
            "Ctrl+S",
            "save the workspace",
            Command::SaveWorkspace,
        ),
        chord(
            CTRL,
            Key::O,
            "Ctrl+O",
            "open a workspace",
            Command::OpenWorkspaceDialog,
        ),
        chord(CTRL_SHIFT, Key::Z, "Ctrl+Shift+Z", "redo", Command::Redo),
        chord(
            CTRL,
            Key::Y,
            "Ctrl+Y",
            "redo (the other common keys)",
            Command::Redo,
        ),
        chord(CTRL, Key::Z, "Ctrl+Z", "undo", Command::Undo),
        chord(CTRL, Key::Q, "Ctrl+Q", "quit", Command::Quit),
    ]
});

/// The keys that ask for `command`, as a menu shows them (the first listed).
pub fn text_for(command: &Command) -> Option<&'static str> {
    SHORTCUTS
        .iter()
        .find(|s| s.command.as_ref() == Some(command))
        .map(|s| s.text)
}

/// The commands the keys pressed this frame ask for (consuming those key presses).
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut out = Vec::new();
    ctx.input_mut(|input| {
        for shortcut in SHORTCUTS.iter() {
            let hit = match &shortcut.keys {
                Keys::Chord(chord) => input.consume_shortcut(chord),
                Keys::Plain(keys) if !typing => {
                    // Not `|=` over the keys: each press is consumed once, and any one counts.
                    let mut any = false;
                    for key in keys.iter() {
                        any |= input.consume_key(Modifiers::NONE, *key);
                    }
                    any
                }
                Keys::Plain(_) | Keys::Gesture => false,
            };
            if hit && let Some(command) = &shortcut.command {
                out.push(command.clone());
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chord_is_distinct_and_every_command_is_listed_once_per_key() {
        let chords: Vec<&KeyboardShortcut> = SHORTCUTS
            .iter()
            .filter_map(|s| match &s.keys {
                Keys::Chord(c) => Some(c),
                _ => None,
            })
            .collect();
        for (n, a) in chords.iter().enumerate() {
            assert!(!chords[n + 1..].contains(a), "{a:?} is listed twice");
        }
        // A chord is found before another with the same key and fewer modifiers.
        for (n, a) in chords.iter().enumerate() {
            for b in &chords[..n] {
                assert!(
                    !(a.logical_key == b.logical_key && a.modifiers.contains(b.modifiers)),
                    "{b:?} would swallow {a:?}"
                );
            }
        }
        assert_eq!(text_for(&Command::SaveWorkspace), Some("Ctrl+S"));
        assert_eq!(text_for(&Command::ZoomTimeline(ZoomStep::In)), Some("+"));
    }
}
