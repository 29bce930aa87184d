//! Map the columns: a table in no format Actorscope knows is read through a column mapping the
//! analyst chooses here — which column is the date (and how it is written), who acted, the
//! words, the kind, the place — with the first rows of the file read through it as it
//! changes. The mapping is saved beside the table (`events.csv` → `events.mapping.ron`), so
//! opening the table again, from the window or `actorscope check`, reads it the same way.

use std::path::{Path, PathBuf};

use crate::io::Progress;
use crate::io::import::csv::{Reader, Record};
use crate::io::import::mapped::{self, DateOrder, Mapping, Roles};
use crate::io::import::{Imported, Table, text};

/// How much of the file the dialog reads for its preview.
const SAMPLE_BYTES: usize = 256 * 1024;
/// The rows read for the preview.
const SAMPLE_ROWS: usize = 200;
/// The rows shown as the file has them.
const SHOWN_ROWS: usize = 4;
/// The width of the preview beside the choices.
const PREVIEW_WIDTH: f32 = 440.0;
/// The events and refusals shown in the preview.
const SHOWN_EVENTS: usize = 5;

/// The dialog's state: the file's first rows, the mapping being chosen and what it gives.
pub(super) struct MappingDialog {
    pub(super) path: PathBuf,
    file: String,
    /// Why no known format took the file.
    why: String,
    /// The file's first complete rows, decoded.
    sample: std::sync::Arc<str>,
    encoding: text::Encoding,
    /// The header as written.
    header: Vec<String>,
    /// The first rows' cells.
    rows: Vec<Vec<String>>,
    pub(super) mapping: Mapping,
    /// The sample read through the mapping, or why it cannot be.
    preview: Result<Imported, String>,
    /// Whether the preview needs reading again.
    stale: bool,
}

/// What the analyst chose.
pub(super) enum MappingChoice {
    Import,
    Cancel,
}

impl MappingDialog {
    /// The dialog for `path`, or `None` when it is not a table of at least two columns.
    pub(super) fn open(path: &Path, why: String) -> Option<Self> {
        let mut head = Vec::new();
        {
            use std::io::Read as _;
            let file = std::fs::File::open(path).ok()?;
            file.take(SAMPLE_BYTES as u64).read_to_end(&mut head).ok()?;
        }
        let (decoded, encoding) = text::decode(&head);
        let decoded = decoded.into_owned();
        if crate::io::import::looks_like_json(&decoded) {
            return None;
        }
        let delimiter = crate::io::import::csv::sniff_delimiter(&decoded);
        // Whole records only: the last one may have been cut by the byte limit.
        let mut reader = Reader::new(&decoded, delimiter);
        let mut record = Record::default();
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut end = 0;
        let mut read = 0;
        while read <= SAMPLE_ROWS {
            match reader.next_into(&mut record) {
                Ok(true) => {}
                Ok(false) | Err(_) => break,
            }
            let complete = record.span.end < decoded.len() || head.len() < SAMPLE_BYTES;
            if !complete {
                break;
            }
            let cells: Vec<String> = (0..record.cells.len())
                .map(|i| record.get(&decoded, i).into_owned())
                .collect();
            if read == 0 {
                header = cells;
            } else if rows.len() < SHOWN_ROWS {
                rows.push(cells);
            }
            end = record.span.end;
            read += 1;
        }
        if header.len() < 2 {
            return None;
        }
        let mut sample = decoded;
        sample.truncate(end);
        let mut dialog = Self {
            file: path.file_name().map_or_else(
                || "the file".to_owned(),
                |f| f.to_string_lossy().into_owned(),
            ),
            path: path.to_path_buf(),
            why,
            sample: sample.into(),
            encoding,
            mapping: guess(&header),
            header,
            rows,
            preview: Err(String::new()),
            stale: true,
        };
        dialog.choose_date_order();
        Some(dialog)
    }

    /// The sample read through `mapping`.
    fn read(&self, mapping: &Mapping) -> Result<Imported, String> {
        let table = Table::new(&self.file, &self.sample, self.encoding)
            .ok_or_else(|| "the file is empty".to_owned())?;
        mapped::read(table, mapping, &self.file, &Progress::new())
    }

    /// The date order under which most sample rows read.
    fn choose_date_order(&mut self) {
        let mut best = (usize::MAX, self.mapping.date_order);
        for order in [
            DateOrder::YearMonthDay,
            DateOrder::DayMonthYear,
            DateOrder::MonthDayYear,
        ] {
            let mut mapping = self.mapping.clone();
            mapping.date_order = order;
            if let Ok(imported) = self.read(&mapping)
                && imported.skipped.len() < best.0
            {
                best = (imported.skipped.len(), order);
            }
        }
        self.mapping.date_order = best.1;
    }

    /// The mapping saved beside the table.
    pub(super) fn save(&self) -> Result<PathBuf, String> {
        let path = mapped::beside(&self.path);
        self.mapping.write_file(&path)?;
        Ok(path)
    }

    /// The dialog's body; its columns, rows and preview scroll within `height`.
    pub(super) fn ui(&mut self, ui: &mut egui::Ui, height: f32) -> Option<MappingChoice> {
        if self.stale {
            self.preview = self.read(&self.mapping);
            self.stale = false;
        }
        ui.heading(format!("Map the columns of {}", self.file));
        ui.label(format!(
            "{} is in no format Actorscope knows. Say which column means what; its first rows are read below as you choose.",
            self.file
        ));
        ui.collapsing("Why no known format took it", |ui| {
            ui.label(&self.why);
        });
        let before = self.mapping.clone();
        let mut choice = None;
        egui::ScrollArea::vertical()
            .max_height(height.max(120.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                // The choices, and beside them what they give: each change shows at once.
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| self.columns_ui(ui));
                    ui.add_space(24.0);
                    // A set width: wrapped words would otherwise widen the window each frame.
                    ui.vertical(|ui| {
                        ui.set_width(PREVIEW_WIDTH);
                        self.preview_ui(ui);
                    });
                });
                ui.separator();
                self.sample_ui(ui);
            });
        if self.mapping != before {
            self.stale = true;
        }
        ui.separator();
        ui.horizontal(|ui| {
            let ready = self
                .preview
                .as_ref()
                .is_ok_and(|p| !p.dataset.events.is_empty());
            let import = ui
                .add_enabled(ready, egui::Button::new("Save mapping and import"))
                .on_hover_text(format!(
                    "Saves the mapping as {} and reads the whole file through it",
                    mapped::beside(&self.path).display()
                ))
                .on_disabled_hover_text("No event can be read with this mapping yet");
            if import.clicked() {
                choice = Some(MappingChoice::Import);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(MappingChoice::Cancel);
            }
        });
        choice
    }

    fn columns_ui(&mut self, ui: &mut egui::Ui) {
        let header = &self.header;
        let m = &mut self.mapping;
        egui::Grid::new("mapping columns")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.label("Date");
                egui::ComboBox::from_id_salt("mapping date")
                    .selected_text(m.date.as_str())
                    .show_ui(ui, |ui| {
                        for h in header {
                            ui.selectable_value(&mut m.date, h.clone(), h);
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Date column")
                    });
                ui.end_row();
                ui.label("Written as");
                egui::ComboBox::from_id_salt("mapping date order")
                    .selected_text(order_label(m.date_order))
                    .show_ui(ui, |ui| {
                        for order in [
                            DateOrder::YearMonthDay,
                            DateOrder::DayMonthYear,
                            DateOrder::MonthDayYear,
                        ] {
                            ui.selectable_value(&mut m.date_order, order, order_label(order));
                        }
                    });
                ui.end_row();
                optional(ui, "End date", &mut m.end_date, header);
                ui.label("Actors");
                ui.vertical(|ui| {
                    let mut remove = None;
                    for (i, actor) in m.actors.iter().enumerate() {
                        ui.horizontal(|ui| {
                            ui.label(actor);
                            if ui
                                .small_button("×")
                                .on_hover_text(format!("Not {actor}"))
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                    }
                    if let Some(i) = remove {
                        m.actors.remove(i);
                    }
                    let mut added = None;
                    egui::ComboBox::from_id_salt("mapping add actor")
                        .selected_text("Add an actor column…")
                        .show_ui(ui, |ui| {
                            for h in header.iter().filter(|h| !m.actors.contains(h)) {
                                if ui.selectable_label(false, h).clicked() {
                                    added = Some(h.clone());
                                }
                            }
                        });
                    if let Some(h) = added {
                        m.actors.push(h);
                    }
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut m.roles,
                            Roles::InitiatorThenTargets,
                            "the first acts on the others",
                        );
                        ui.radio_value(&mut m.roles, Roles::Participants, "all take part");
                    });
                });
                ui.end_row();
                optional(ui, "Words (evidence)", &mut m.text, header);
                optional(ui, "Title", &mut m.title, header);
                optional(ui, "Kind", &mut m.kind, header);
                optional(ui, "Place", &mut m.place, header);
                optional(ui, "Latitude", &mut m.latitude, header);
                optional(ui, "Longitude", &mut m.longitude, header);
                optional(ui, "Id", &mut m.id, header);
                optional(ui, "Source", &mut m.source, header);
            });
    }

    fn sample_ui(&self, ui: &mut egui::Ui) {
        ui.label(egui::RichText::new("The file's first rows").strong());
        egui::ScrollArea::horizontal()
            .id_salt("mapping sample")
            .show(ui, |ui| {
                egui::Grid::new("mapping sample grid")
                    .striped(true)
                    .show(ui, |ui| {
                        for h in &self.header {
                            ui.label(egui::RichText::new(h).strong());
                        }
                        ui.end_row();
                        for row in &self.rows {
                            for cell in row {
                                ui.label(shorten(cell, 28));
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    fn preview_ui(&self, ui: &mut egui::Ui) {
        let imported = match &self.preview {
            Ok(imported) => imported,
            Err(why) => {
                ui.colored_label(ui.visuals().error_fg_color, why);
                return;
            }
        };
        let dataset = &imported.dataset;
        let events = &dataset.events;
        ui.label(
            egui::RichText::new(format!(
                "Read through this mapping, the first {} rows give {} events and {} actors; {} refused",
                imported.rows,
                events.len(),
                dataset.actors.len(),
                imported.skipped.len()
            ))
            .strong(),
        );
        for event in events.iter().take(SHOWN_EVENTS) {
            let words = event
                .evidence
                .first()
                .map_or(String::new(), |e| shorten(dataset.quote(e), 90));
            ui.label(format!("{} · {}", event.when.iso(), event.title));
            ui.weak(format!("“{words}”"));
        }
        for problem in imported.skipped.iter().take(SHOWN_EVENTS) {
            ui.colored_label(ui.visuals().warn_fg_color, problem.to_string());
        }
    }
}

/// A row of the grid choosing an optional column.
fn optional(ui: &mut egui::Ui, label: &str, value: &mut Option<String>, header: &[String]) {
    ui.label(label);
    egui::ComboBox::from_id_salt(("mapping", label))
        .selected_text(value.as_deref().unwrap_or("(none)"))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "(none)");
            for h in header {
                ui.selectable_value(value, Some(h.clone()), h);
            }
        })
        .response
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("{label} column"))
        });
    ui.end_row();
}

fn order_label(order: DateOrder) -> &'static str {
    match order {
        DateOrder::YearMonthDay => "year first (2022-01-05)",
        DateOrder::DayMonthYear => "day first (05/01/2022)",
        DateOrder::MonthDayYear => "month first (01/05/2022)",
    }
}

fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_owned(),
    }
}

/// A first guess from the header's names; the analyst corrects it.
pub(super) fn guess(header: &[String]) -> Mapping {
    let norm: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let find = |words: &[&str], taken: &[usize]| {
        norm.iter()
            .enumerate()
            .find(|(i, h)| !taken.contains(i) && words.iter().any(|w| h.contains(w)))
            .map(|(i, _)| i)
    };
    // A start and an end: the start is the date. Else the first date-like column.
    let end = find(&["end"], &[]);
    let start = find(&["start", "begin"], &[]);
    let not_end: Vec<usize> = end.into_iter().collect();
    let date = start
        .or_else(|| find(&["date", "when", "day"], &not_end))
        .or_else(|| find(&["time", "year"], &not_end))
        .unwrap_or(0);
    let end = end.filter(|&e| e != date);
    let mut taken = vec![date];
    taken.extend(end);
    let mut actors = Vec::new();
    let actor_words = [
        "actor",
        "perpetrator",
        "victim",
        "target",
        "party",
        "side",
        "who",
        "group",
        "organi",
    ];
    while let Some(a) = find(&actor_words, &taken) {
        taken.push(a);
        actors.push(a);
    }
    let mut pick = |words: &[&str]| {
        let found = find(words, &taken);
        taken.extend(found);
        found.map(|i| header[i].clone())
    };
    let text = pick(&[
        "note",
        "description",
        "what",
        "text",
        "summary",
        "detail",
        "narrative",
    ]);
    let title = pick(&["title", "headline"]);
    let kind = pick(&["type", "kind", "category"]);
    let place = pick(&["location", "place", "town", "city", "village", "country"]);
    let latitude = pick(&["lat"]);
    let longitude = pick(&["lon", "lng"]);
    let source = pick(&["source", "outlet", "reported"]);
    let id = norm
        .iter()
        .position(|h| h == "id" || h.ends_with("_id") || h.ends_with(" id"))
        .filter(|i| !taken.contains(i))
        .map(|i| header[i].clone());
    Mapping {
        date: header[date].clone(),
        end_date: end.map(|i| header[i].clone()),
        actors: actors.into_iter().map(|i| header[i].clone()).collect(),
        text,
        title,
        kind,
        place,
        latitude,
        longitude,
        id,
        source,
        ..Mapping::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_guess_reads_a_newsroom_log_as_a_person_would() {
        let m = guess(&header(&[
            "Date",
            "Perpetrator",
            "Victims",
            "What happened",
            "Type",
            "Town",
            "Lat",
            "Lon",
            "Reported by",
        ]));
        assert_eq!(m.date, "Date");
        assert_eq!(m.actors, ["Perpetrator", "Victims"]);
        assert_eq!(m.text.as_deref(), Some("What happened"));
        assert_eq!(m.kind.as_deref(), Some("Type"));
        assert_eq!(m.place.as_deref(), Some("Town"));
        assert_eq!(m.latitude.as_deref(), Some("Lat"));
        assert_eq!(m.longitude.as_deref(), Some("Lon"));
        assert_eq!(m.source.as_deref(), Some("Reported by"));
    }

    #[test]
    fn the_guess_takes_the_start_as_the_date_and_the_end_as_its_end() {
        let m = guess(&header(&["End date", "Start date", "Actor", "Notes"]));
        assert_eq!(m.date, "Start date");
        assert_eq!(m.end_date.as_deref(), Some("End date"));
        assert_eq!(m.actors, ["Actor"]);
        assert_eq!(m.text.as_deref(), Some("Notes"));
    }

    #[test]
    fn the_dialog_finds_the_date_order_and_reads_the_first_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.csv");
        std::fs::copy("tests/fixtures/import/newsroom_log.csv", &path).unwrap();
        let mut dialog = MappingDialog::open(&path, "no known columns".to_owned()).unwrap();
        assert_eq!(dialog.mapping.date_order, DateOrder::DayMonthYear);
        let preview = dialog.read(&dialog.mapping).unwrap();
        assert_eq!(preview.dataset.events.len(), 2);
        assert_eq!(preview.skipped.len(), 1, "31/02/2022 is refused");
        // Saved beside the table, it reads back as it was chosen.
        dialog.mapping.title = Some("Type".to_owned());
        let saved = dialog.save().unwrap();
        assert_eq!(saved, dir.path().join("log.mapping.ron"));
        assert_eq!(Mapping::read_file(&saved).unwrap(), dialog.mapping);
    }

    #[test]
    fn json_and_one_column_text_get_no_dialog() {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("a.json");
        std::fs::write(&json, "{\"a\": 1}").unwrap();
        assert!(MappingDialog::open(&json, String::new()).is_none());
        let prose = dir.path().join("a.txt");
        std::fs::write(&prose, "Just a line of prose\nand another\n").unwrap();
        assert!(MappingDialog::open(&prose, String::new()).is_none());
    }
}
