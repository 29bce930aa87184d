//! Actorscope: explore who did what to whom, when, and on whose word.
//!
//! Layers, each depending only on those before it (see ARCHITECTURE.md):
//! [`model`] (data, no egui, no I/O) ← [`io`] (files) ← [`query`] (filters, search, derived
//! data) ← [`views`] (egui widgets) ← [`app`] (the window, commands, workspaces).

pub mod app;
pub mod cli;
pub mod io;
pub mod model;
pub mod query;
pub mod synth;
pub mod views;
pub mod workspace;
